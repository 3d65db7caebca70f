import { describe, expect, it } from 'vitest';
import { useTestApp } from '#test/support/test-app.ts';

describe('/reflect help over signed HTTP', () => {
  const t = useTestApp();

  it('answers a signed `/reflect help` with 200 and the ephemeral help', async () => {
    const started = Date.now();
    const response = await t.command({ text: 'help' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(response.status).toBe(200);
    const body = response.json() as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    for (const word of [
      '/reflect history',
      '/reflect schedule',
      '/reflect pause',
      '/reflect resume',
      '/reflect export',
      '/reflect forget',
      '/recognize',
      '/reflect language de|fr|es|pt-BR|ja|en|auto',
    ]) {
      expect(body.text).toContain(word);
    }
  });

  it('answers a German Slack in German, with a German example day that schedule input reads', async () => {
    t.slack.addUser({ id: 'UDE', tz: 'Europe/Berlin', locale: 'de-DE' });
    const body = (await t.command({ text: 'help', userId: 'UDE' })).json() as { text: string };
    expect(body.text).toContain('`/reflect schedule freitag 16:00`');
    expect(body.text).toContain('`/reflect pause [Wochen]`');
    expect(body.text).toContain('die Sprache wählen');
    expect(body.text).not.toContain('fri 16:00');
    const unknown = (await t.command({ text: 'banane', userId: 'UDE' })).json() as { text: string };
    expect(unknown.text).toContain('`banane` kenne ich noch nicht');
  });

  it.each(['banana split', 'HISTORYY', '<@U2> <!channel>', 'x'.repeat(500)])(
    'answers unknown text %j with help, not an error',
    async (text) => {
      const response = await t.command({ text });
      expect(response.status).toBe(200);
      const body = response.json() as { text: string };
      expect(body.text).toContain("I don't know");
      expect(body.text).toContain('/reflect history');
      expect(body.text).not.toContain('<!channel>');
    },
  );

  it('refuses a wrong signature with 401', async () => {
    const response = await t.command({ text: 'help' }, { signature: 'v0=deadbeef' });
    expect(response.status).toBe(401);
  });

  it('refuses a body signed with another secret with 401', async () => {
    const response = await t.command({ text: 'help' }, { signingSecret: 'not-the-secret' });
    expect(response.status).toBe(401);
  });

  it('refuses a timestamp older than 5 minutes with 401', async () => {
    const response = await t.command({ text: 'help' }, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(response.status).toBe(401);
  });

  it('sends every Web API call to SLACK_API_URL', async () => {
    expect(t.slack.calls.length).toBeGreaterThan(0);
    expect(t.slack.calls.every((call) => call.method.length > 0)).toBe(true);
  });
});
