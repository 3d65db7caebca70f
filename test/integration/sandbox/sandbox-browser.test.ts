import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSandboxPages } from '#test/support/sandbox-page.ts';

/**
 * End to end in a real headless Chromium: a person uses the sandbox page, the page talks to the
 * sandbox server, which sends signed requests to the real app; what comes back is what they see.
 */
const pages = useSandboxPages();

async function openAs(userId: string): Promise<Page> {
  return (await pages.openAs(userId)).page;
}

async function openChannel(p: Page, channel: string): Promise<void> {
  await p.locator(`button[data-channel="${channel}"]`).click();
}

async function send(p: Page, text: string): Promise<void> {
  const composer = p.locator('#composer');
  await composer.click();
  await composer.fill(text);
  await composer.press('Escape').catch(() => {});
  await p.locator('#composer-send').click();
}

describe('the sandbox in a browser', { timeout: 60_000 }, () => {
  it('/reflect: fill and submit the modal, see the confirmation and the App Home streak', async () => {
    const p = await openAs('UPRIYA');
    await openChannel(p, 'CTEAM');
    await send(p, '/reflect');
    const modal = p.locator('#modal');
    await expect.poll(() => modal.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => p.locator('#modal-title').textContent()).toContain('reflection');
    // Submitting empty shows Slack's inline error and keeps the modal.
    await p.locator('#modal-submit').click();
    await expect
      .poll(() => modal.locator('.bk-input--error').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await modal
      .locator('[data-block-id="answer_0"] textarea, [data-block-id="answer_0"] input')
      .first()
      .fill('I asked Ben what he needs from me, and then I listened.');
    await p.locator('#modal-submit').click();
    await expect.poll(() => modal.isVisible(), { timeout: 10_000 }).toBe(false);
    await openChannel(p, 'DPRIYA');
    await expect
      .poll(() => p.locator('#messages').textContent(), { timeout: 10_000 })
      .toContain('Saved your reflection');
    await p.locator('[data-home]').first().click();
    await expect
      .poll(() => p.locator('#home').textContent(), { timeout: 10_000 })
      .toMatch(/Streak:\s*1 week/);
  });

  it('/recognize @… … #heart appears in #team and in the recipient’s DM', async () => {
    const p = await openAs('UAMARA');
    await openChannel(p, 'CTEAM');
    const composer = p.locator('#composer');
    await composer.click();
    await composer.pressSequentially('/recognize @Lu');
    // The @-mention picker offers Lucas; choosing him inserts Slack's escaped mention.
    await p.locator('#composer-popover [data-user-id="ULUCAS"]').click();
    await composer.pressSequentially(' walked our new hire through the release, twice #heart');
    await p.locator('#composer-send').click();
    const posted = p.locator('#messages [data-ts]', { hasText: 'walked our new hire' });
    await expect.poll(() => posted.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await posted.first().textContent()).toContain('@Lucas Souza');
    // The recipient sees it in #team and in his DM with Throughline.
    const lucas = p.locator('#view-as option', { hasText: /Lucas/ });
    await p.locator('#view-as').selectOption(await lucas.getAttribute('value'));
    await openChannel(p, 'CTEAM');
    await expect
      .poll(() => p.locator('#messages').textContent(), { timeout: 10_000 })
      .toContain('walked our new hire');
    await openChannel(p, 'DLUCAS');
    await expect
      .poll(() => p.locator('#messages').textContent(), { timeout: 10_000 })
      .toContain('walked our new hire');
  });

  it('/reflect schedule, then "jump to the next nudge": the DM with its buttons, and Snooze answers', async () => {
    const p = await openAs('UBEN');
    await openChannel(p, 'CGENERAL');
    await send(p, '/reflect schedule fri 16:00');
    await expect
      .poll(() => p.locator('#messages').textContent(), { timeout: 10_000 })
      .toContain('every Friday at 16:00');
    await expect.poll(() => p.locator('#messages').textContent()).toContain('Only visible to you');
    await p.locator('#clock-next-nudge').click();
    await openChannel(p, 'DBEN');
    const snooze = p.locator('#messages [data-action-id="nudge_snooze"]');
    await expect.poll(() => snooze.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await p.locator('#messages [data-action-id="nudge_reflect_now"]').count()).toBeGreaterThan(0);
    // The clock shows Friday 16:00 in Ben's zone.
    expect(await p.locator('#clock-now').textContent()).toMatch(/Fri.*4:0\d\s?PM|Fri.*16:0\d/);
    await snooze.first().click();
    await expect
      .poll(() => p.locator('#messages').textContent(), { timeout: 10_000 })
      .toContain("I'll bring this week's reflection back");
  });
});
