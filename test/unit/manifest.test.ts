import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BOT_SCOPES } from '#src/slack/bot-scopes.ts';

interface Manifest {
  display_information: {
    name: string;
    description: string;
    long_description: string;
    background_color: string;
  };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: { command: string; description: string; usage_hint?: string; url?: string }[];
    shortcuts?: { callback_id: string; type: string; name: string; description: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as Manifest;

describe('manifest.yml', () => {
  it('stays within the manifest schema limits', () => {
    const info = manifest.display_information;
    expect(info.name.length).toBeLessThanOrEqual(35);
    expect(info.description.length).toBeLessThanOrEqual(140);
    expect(info.long_description.length).toBeGreaterThanOrEqual(175);
    expect(info.long_description.length).toBeLessThanOrEqual(4000);
    expect(info.background_color).toMatch(/^#[0-9a-f]{3,6}$/i);
    for (const command of manifest.features.slash_commands) {
      expect(command.command).toMatch(/^\/[a-z-]{1,31}$/);
      expect(command.description.length).toBeLessThanOrEqual(2000);
      expect((command.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
    for (const shortcut of manifest.features.shortcuts ?? []) {
      expect(shortcut.name.length).toBeLessThanOrEqual(24);
      expect(shortcut.description.length).toBeLessThanOrEqual(150);
    }
  });

  it('declares what the product uses, with Socket Mode on by default', () => {
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual([
      '/reflect',
      '/recognize',
    ]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_home_opened', 'user_change', 'app_uninstalled', 'tokens_revoked']),
    );
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'users:read']),
    );
    // The OAuth installer asks for exactly the scopes the manifest declares.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it('explains every bot scope with a comment', () => {
    const text = readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8');
    for (const scope of manifest.oauth_config.scopes.bot) {
      const line = text.split('\n').findIndex((candidate) => candidate.trim() === `- ${scope}`);
      expect(text.split('\n')[line - 1]?.trim().startsWith('#'), `${scope} needs a comment`).toBe(true);
    }
  });
});
