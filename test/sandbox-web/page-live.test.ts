import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EMPTY_REFLECTION_ERROR } from '#messages/reflect-modal.ts';
import type { InProcessSandbox } from '#test/support/in-process-sandbox.ts';
import { useSandboxPages } from '#test/support/sandbox-page.ts';

/**
 * The sandbox page against the real sandbox (the product, its Slack double and the sandbox
 * server), in Debian's Chromium: what a person sees of each surface the product sends, and the
 * exact payloads the page sends back for it.
 */
type Sent = { path: string; body: Record<string, unknown> };

const pages = useSandboxPages();
let sent: Sent[] = [];
let box: InProcessSandbox | undefined;

/** Opens the page as one of the sandbox people, recording every POST the page makes. */
async function openAs(userId: string): Promise<Page> {
  sent = [];
  const opened = await pages.openAs(userId, {
    beforeLoad: (p) =>
      p.on('request', (request) => {
        const path = request.url().split('/sandbox/api/')[1];
        if (path && request.method() === 'POST') sent.push({ path, body: request.postDataJSON() });
      }),
  });
  box = opened.box;
  return opened.page;
}

const posted = (path: string) => sent.filter((s) => s.path === path).map((s) => s.body);

async function openChannel(p: Page, channel: string): Promise<void> {
  await p.locator(`[data-channel="${channel}"]`).click();
  await p.locator('#composer').waitFor();
}

async function send(p: Page, text: string): Promise<void> {
  await p.locator('#composer').fill(text);
  await p.locator('#composer').press('Escape');
  await p.locator('#composer-send').click();
}

const messages = (p: Page) => p.locator('#messages').textContent();

describe('the sandbox page on the real sandbox', { timeout: 60_000 }, () => {
  it('shows the nudge DM with the APP badge, its time in the viewer’s zone, styled buttons, and sends Snooze as Slack does', async () => {
    const p = await openAs('UBEN');
    await openChannel(p, 'DBEN');
    await send(p, '/reflect schedule fri 16:00');
    const note = p.locator('.message--ephemeral .message-ephemeral-note');
    await expect.poll(() => note.first().textContent(), { timeout: 10_000 }).toBe('Only visible to you');
    await p.locator('#clock-next-nudge').click();
    const nudge = p.locator('.message', { has: p.locator('[data-action-id="nudge_snooze"]') });
    await nudge.waitFor({ timeout: 15_000 });
    expect(await nudge.locator('.app-badge').textContent()).toBe('APP');
    // Ben's nudge comes at 16:00 in New York, and the page shows it in his zone.
    expect(await nudge.locator('.message-time').textContent()).toBe('4:00 PM');
    expect(await nudge.locator('[data-action-id="nudge_reflect_now"]').getAttribute('class')).toContain(
      'bk-button--primary',
    );
    const ts = await nudge.getAttribute('data-ts');
    await nudge.locator('[data-action-id="nudge_snooze"]').click();
    await expect
      .poll(() => messages(p), { timeout: 10_000 })
      .toContain("I'll bring this week's reflection back");
    expect(posted('action')).toEqual([
      {
        as: 'UBEN',
        action: {
          type: 'button',
          action_id: 'nudge_snooze',
          block_id: 'nudge_actions',
          value: expect.stringMatching(/^\d{4}-W\d{2}$/),
        },
        container: { type: 'message', channel: 'DBEN', ts },
      },
    ]);
    // The same moment for Priya, in Kathmandu (UTC+05:45): the clock reads 02:45 on Saturday.
    await p.locator('#view-as').selectOption('UPRIYA');
    await expect.poll(() => p.locator('#clock-now').textContent()).toMatch(/^Sat, Dec 5, 2:4\d AM$/);
  });

  it('asks before a button with `confirm`: denying sends nothing, confirming deletes', async () => {
    const p = await openAs('UAMARA');
    await openChannel(p, 'DAMARA');
    await send(p, '/reflect forget');
    const remove = p.locator('[data-action-id="reflect_forget_confirm"]');
    await remove.waitFor({ timeout: 10_000 });
    await remove.click();
    expect(await p.locator('#confirm-dialog .modal-title').textContent()).toBe('Delete everything?');
    expect(await p.locator('#confirm-yes').getAttribute('class')).toContain('bk-button--danger');
    await p.keyboard.press('Escape');
    expect(await p.locator('#confirm-dialog').count()).toBe(0);
    expect(posted('action')).toEqual([]);
    await remove.click();
    await p.locator('#confirm-yes').click();
    await expect
      .poll(() => messages(p), { timeout: 10_000 })
      .toContain('everything Throughline kept about you is deleted');
    expect(posted('action')[0]?.container).toMatchObject({
      type: 'message',
      channel: 'DAMARA',
      is_ephemeral: true,
    });
  });

  it('opens the reflection modal with focus inside, shows the product’s inline error, keeps what was typed, and sends state.values', async () => {
    const p = await openAs('UPRIYA');
    await openChannel(p, 'DPRIYA');
    await send(p, '/reflect');
    await p.locator('#modal').waitFor({ timeout: 10_000 });
    const focused = await p.evaluate(
      `document.activeElement?.closest('[data-block-id]')?.getAttribute('data-block-id')`,
    );
    expect(focused).toBe('answer_0');
    // Only an intention: the product answers an inline error under the first answer.
    await p.fill('[data-block-id="intention"] input', 'ask Ben what he needs');
    await p.selectOption('[data-block-id="rating_heart"] select', '2');
    await p.click('#modal-submit');
    const error = p.locator('[data-block-id="answer_0"] .bk-error');
    await expect.poll(() => error.textContent(), { timeout: 10_000 }).toContain(EMPTY_REFLECTION_ERROR);
    expect(await p.inputValue('[data-block-id="intention"] input')).toBe('ask Ben what he needs');
    const values = posted('submit')[0]?.values as Record<string, Record<string, unknown>>;
    expect(values.answer_0).toEqual({ answer: { type: 'plain_text_input', value: null } });
    expect(values.intention).toEqual({
      intention: { type: 'plain_text_input', value: 'ask Ben what he needs' },
    });
    expect(values.rating_heart).toEqual({
      rating: {
        type: 'static_select',
        selected_option: { text: { type: 'plain_text', text: 'Quite a bit' }, value: '2' },
      },
    });
    expect(values.rating_soul).toEqual({ rating: { type: 'static_select', selected_option: null } });
    // Esc closes the modal, as the × does.
    await p.keyboard.press('Escape');
    await p.locator('#modal').waitFor({ state: 'detached', timeout: 10_000 });
    expect(posted('close')).toEqual([{ as: 'UPRIYA', viewId: posted('submit')[0]?.viewId }]);
  });

  it('composes with the slash-command list and the @-picker, sends Slack’s escaped text, and shows it back as typed', async () => {
    const p = await openAs('UAMARA');
    await openChannel(p, 'CTEAM');
    const composer = p.locator('#composer');
    await composer.click();
    await composer.pressSequentially('/rec');
    expect(await p.locator('#composer-popover [data-command]').allTextContents()).toEqual([
      expect.stringContaining('/recognize'),
    ]);
    await composer.press('Enter');
    expect(await composer.inputValue()).toBe('/recognize ');
    await composer.pressSequentially('@be');
    // "be" starts Ben's handle, so he comes before Amara Berg.
    expect(await p.locator('#composer-popover [data-user-id]').first().getAttribute('data-user-id')).toBe(
      'UBEN',
    );
    await composer.press('Enter');
    await composer.pressSequentially('fixed the build & the docs <3 #heart');
    await composer.press('Enter');
    const post = p.locator('#messages .message', { hasText: 'fixed the build' });
    await post.waitFor({ timeout: 10_000 });
    expect(posted('compose')).toEqual([
      {
        as: 'UAMARA',
        channel: 'CTEAM',
        text: '/recognize <@UBEN|ben> fixed the build &amp; the docs &lt;3 #heart',
      },
    ]);
    expect(await post.textContent()).toContain('fixed the build & the docs <3');
    expect(await post.locator('.mk-mention').allTextContents()).toEqual(['@Amara Berg', '@Ben Carter']);
    // The author's own mention is highlighted for her.
    expect(await post.locator('.mk-mention--me').textContent()).toBe('@Amara Berg');
  });

  it('answers an unknown command in place, as Slack does', async () => {
    const p = await openAs('UAMARA');
    await openChannel(p, 'CGENERAL');
    await send(p, '/nope now');
    const notice = p.locator('.message--ephemeral', { hasText: '/nope is not a valid command' });
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.locator('.message-author').textContent()).toBe('Slackbot');
  });

  it('runs "Recognize the author" from a message’s More actions, and sends the modal’s people, choice and channel', async () => {
    const p = await openAs('UAMARA');
    await openChannel(p, 'CTEAM');
    await send(p, 'Shipped the onboarding guide today');
    const message = p.locator('#messages .message', { hasText: 'Shipped the onboarding guide' });
    await message.waitFor({ timeout: 10_000 });
    const ts = await message.getAttribute('data-ts');
    await p.locator('#view-as').selectOption('ULUCAS');
    await openChannel(p, 'CTEAM');
    await message.hover();
    await message.locator('[data-more-actions]').click();
    await p.locator('[data-shortcut="recognize_author"]').click();
    await p.locator('#modal').waitFor({ timeout: 10_000 });
    expect(posted('shortcut')).toEqual([
      { as: 'ULUCAS', callbackId: 'recognize_author', channel: 'CTEAM', ts },
    ]);
    // The author is already chosen; the channel defaults to where the shortcut was used.
    const recipients = p.locator('[data-block-id="recognition_recipients"]');
    expect(await recipients.locator('.bk-chip').getAttribute('data-value')).toBe('UAMARA');
    // Without anyone chosen, the page says so, as Slack's client does, and sends nothing.
    await recipients.locator('.bk-chip-remove').click();
    await p.click('#modal-submit');
    expect(await recipients.locator('.bk-error').textContent()).toContain(
      'Please complete this required field.',
    );
    expect(posted('submit')).toEqual([]);
    await recipients.locator('input').click();
    await p.keyboard.type('ama');
    await p.keyboard.press('Enter');
    await p.keyboard.type('pri');
    await p.keyboard.press('Enter');
    await p.fill('[data-block-id="recognition_words"] textarea', 'a guide that saves every new hire a week');
    await p.check('[data-block-id="recognition_visibility"] input[value="private"]');
    await p.click('#modal-submit');
    await expect
      .poll(() => p.locator('#modal').textContent(), { timeout: 10_000 })
      .toContain('Enviado em particular'); // Lucas reads Brazilian Portuguese
    const values = posted('submit')[0]?.values as Record<string, Record<string, Record<string, unknown>>>;
    expect(values.recognition_recipients?.value).toEqual({
      type: 'multi_users_select',
      selected_users: ['UAMARA', 'UPRIYA'],
    });
    expect(values.recognition_visibility?.value?.selected_option).toMatchObject({ value: 'private' });
    expect(values.recognition_channel?.value).toEqual({
      type: 'conversations_select',
      selected_conversation: 'CTEAM',
    });
  });

  it('follows "See the post" from a recognition DM to the post in the channel', async () => {
    const p = await openAs('UAMARA');
    await openChannel(p, 'CTEAM');
    await send(p, '/recognize @lucas ran a calm incident review #mind');
    await p
      .locator('#messages .message', { hasText: 'ran a calm incident review' })
      .waitFor({ timeout: 10_000 });
    await p.locator('#view-as').selectOption('ULUCAS');
    await openChannel(p, 'DLUCAS');
    // Lucas's Slack is set to Brazilian Portuguese: his DM is in it.
    const link = p.locator('#messages a.mk-link', { hasText: 'Ver a publicação' });
    await link.waitFor({ timeout: 10_000 });
    await link.click();
    const highlighted = p.locator('.message--highlight');
    await highlighted.waitFor();
    expect(await highlighted.textContent()).toContain('ran a calm incident review');
    expect(await p.locator('[data-channel="CTEAM"]').getAttribute('aria-current')).toBe('page');
  });

  it('chooses a nudge day and time from App Home with a select and a time picker, confirmed by DM', async () => {
    const p = await openAs('ULUCAS');
    await p.locator('[data-home]').click();
    const choose = p.locator('#home [data-action-id="nudge_choose_schedule"]');
    await choose.waitFor({ timeout: 10_000 });
    await choose.click();
    await p.locator('#modal').waitFor({ timeout: 10_000 });
    expect(await p.inputValue('[data-block-id="nudge_time"] input[type="time"]')).toBe('16:00');
    await p.selectOption('[data-block-id="nudge_day"] select', '1');
    await p.fill('[data-block-id="nudge_time"] input[type="time"]', '09:30');
    await p.click('#modal-submit');
    await p.locator('#modal').waitFor({ state: 'detached', timeout: 10_000 });
    expect(posted('submit')[0]?.values).toEqual({
      nudge_day: {
        day: {
          type: 'static_select',
          // Lucas reads Brazilian Portuguese (his Slack locale is pt-BR).
          selected_option: { text: { type: 'plain_text', text: 'segunda-feira' }, value: '1' },
        },
      },
      nudge_time: { time: { type: 'timepicker', selected_time: '09:30' } },
    });
    // Opened from the not-yet-enrolled Home, the product confirms by DM.
    await openChannel(p, 'DLUCAS');
    await expect
      .poll(() => messages(p), { timeout: 10_000 })
      .toMatch(/Pronto: .*segunda-feira.*09:30.*America\/Sao_Paulo/);
  });

  it('moves the clock by an hour and a day, and resets after a confirmation', async () => {
    const p = await openAs('UAMARA');
    await openChannel(p, 'CGENERAL');
    await send(p, 'hello sandbox');
    await p.locator('#messages .message', { hasText: 'hello sandbox' }).waitFor({ timeout: 10_000 });
    const clock = async () => {
      const state = await box!.api<{ clock: { now: string } }>('state?as=UAMARA');
      return Date.parse(state.clock.now);
    };
    const before = await clock();
    await p.click('#clock-plus-hour');
    await p.click('#clock-plus-day');
    await expect.poll(() => posted('clock').length).toBe(2);
    expect(posted('clock')).toEqual([{ advanceMs: 3_600_000 }, { advanceMs: 86_400_000 }]);
    await expect.poll(clock, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 25 * 3_600_000);
    await p.click('#reset');
    await p.click('#confirm-deny');
    expect(posted('reset')).toEqual([]);
    await p.click('#reset');
    await p.click('#confirm-yes');
    await expect.poll(() => posted('reset')).toEqual([{}]);
    await openChannel(p, 'CGENERAL');
    await expect.poll(() => messages(p), { timeout: 15_000 }).not.toContain('hello sandbox');
  });
});
