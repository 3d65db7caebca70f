import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startTestSandbox } from '#test/support/sandbox.ts';

/**
 * The sandbox's API drives the real product the way the page does: each step goes through the
 * real `/slack/events` receiver with a signed request and comes back through the Slack double.
 */
type Message = { ts: string; text: string; ephemeral: boolean; bot: boolean; blocks: unknown[] | null };
type Sandbox = Awaited<ReturnType<typeof startTestSandbox>>;

const messages = (box: Sandbox, as: string, channel: string) =>
  box.api<{ messages: Message[] }>(`messages?as=${as}&channel=${channel}`).then((r) => r.messages);

const actionIds = (message: Message): string[] =>
  JSON.stringify(message.blocks ?? [])
    .match(/"action_id":"[^"]+"/g)
    ?.map((m) => m.slice(13, -1)) ?? [];

describe('the sandbox API', () => {
  let box: Sandbox | undefined;
  afterEach(async () => {
    await box?.stop();
    box = undefined;
  });

  it('/reflect opens the modal; submitting it confirms in the DM and App Home shows the streak', async () => {
    box = await startTestSandbox();
    expect((await box.api('compose', { as: 'UPRIYA', channel: 'CTEAM', text: '/reflect' })).ok).toBe(true);
    const { stack } = await eventually(
      () =>
        box!.api<{
          stack: { id: string; callback_id: string; blocks: { block_id?: string; type: string }[] }[];
        }>('modals?as=UPRIYA'),
      (r) => r.stack.length === 1,
      'the reflection modal',
    );
    const modal = stack[0]!;
    const answerBlocks = modal.blocks.filter((b) => b.type === 'input' && b.block_id?.startsWith('answer_'));
    expect(answerBlocks.length).toBeGreaterThan(0);
    // An empty reflection is refused inline, and the modal stays.
    const refused = await box.api<{ result: string; errors: Record<string, string> }>('submit', {
      as: 'UPRIYA',
      viewId: modal.id,
      values: {},
    });
    expect(refused.result).toBe('errors');
    expect(Object.keys(refused.errors).length).toBeGreaterThan(0);
    const values = Object.fromEntries(
      answerBlocks.map((b, i) => [
        b.block_id,
        { answer: { type: 'plain_text_input', value: i === 0 ? 'I asked Ben what he needs from me.' : '' } },
      ]),
    );
    const saved = await box.api<{ result: string }>('submit', { as: 'UPRIYA', viewId: modal.id, values });
    expect(saved.result).toBe('closed');
    expect((await box.api<{ stack: unknown[] }>('modals?as=UPRIYA')).stack).toEqual([]);
    const dm = await eventually(
      () => messages(box!, 'UPRIYA', 'DPRIYA'),
      (m) => m.length > 0,
      'the confirmation',
    );
    expect(dm[0]?.text).toContain('Saved your reflection');
    await box.api('home/open', { as: 'UPRIYA' });
    const home = await eventually(
      () => box!.api<{ view: { blocks: unknown[] } | null }>('home?as=UPRIYA'),
      (r) => r.view !== null,
      'App Home',
    );
    expect(JSON.stringify(home.view)).toMatch(/1 week/);
    // Nobody else sees Priya's DM.
    expect((await box.api('messages?as=UBEN&channel=DPRIYA')).status).toBe(404);
  });

  it('/recognize posts in the channel, pings only the people it is about, and DMs the recipient', async () => {
    box = await startTestSandbox();
    await box.api('compose', {
      as: 'UAMARA',
      channel: 'CTEAM',
      text: '/recognize <@ULUCAS|lucas> stayed late to walk the new hire through the release #heart',
    });
    const team = await eventually(
      () => messages(box!, 'UBEN', 'CTEAM'),
      (m) => m.some((x) => x.bot),
      'the post',
    );
    const post = team.find((m) => m.bot && !m.ephemeral)!;
    expect(JSON.stringify(post.blocks)).toContain('<@ULUCAS>');
    expect(JSON.stringify(post.blocks)).toContain('walk the new hire');
    const dm = await eventually(
      () => messages(box!, 'ULUCAS', 'DLUCAS'),
      (m) => m.length > 0,
      'the DM',
    );
    expect(JSON.stringify(dm)).toContain('walk the new hire');
  });

  it('/reflect schedule, then "jump to the next nudge": the DM arrives with its buttons, and Snooze answers', async () => {
    box = await startTestSandbox();
    await box.api('compose', { as: 'UBEN', channel: 'CGENERAL', text: '/reflect schedule fri 16:00' });
    const replies = await eventually(
      () => messages(box!, 'UBEN', 'CGENERAL'),
      (m) => m.some((x) => x.ephemeral),
      'the schedule reply',
    );
    expect(replies.find((m) => m.ephemeral)?.text).toContain('every Friday at 16:00');
    const state = await box.api<{ clock: { nextNudgeAt: string; nextNudgeFor: string } }>('state?as=UBEN');
    expect(state.clock.nextNudgeFor).toBe('UBEN');
    // 16:00 in New York, whatever the real date is.
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/New_York',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(state.clock.nextNudgeAt));
    expect(local).toBe('Fri 16:00');
    const jumped = await box.api<{ ok: boolean; now: string }>('clock', { to: 'next-nudge' });
    expect(jumped.ok).toBe(true);
    expect(jumped.now >= state.clock.nextNudgeAt).toBe(true);
    const dm = await eventually(
      () => messages(box!, 'UBEN', 'DBEN'),
      (m) => m.length > 0,
      'the nudge DM',
    );
    const nudge = dm[0]!;
    expect(actionIds(nudge)).toEqual(expect.arrayContaining(['nudge_snooze']));
    const snooze = (
      nudge.blocks as { type: string; elements?: { action_id: string; value?: string; type: string }[] }[]
    )
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'nudge_snooze')!;
    await box.api('action', {
      as: 'UBEN',
      action: { type: 'button', action_id: snooze.action_id, block_id: 'nudge_actions', value: snooze.value },
      container: { type: 'message', channel: 'DBEN', ts: nudge.ts },
    });
    const after = await eventually(
      () => messages(box!, 'UBEN', 'DBEN'),
      (m) => m[0]?.text.includes('bring this week') === true,
      'the snooze answer',
    );
    expect(after[0]?.text).toMatch(/at 18:00 \(America\/New_York\)/);
    // Two hours later (on the sandbox clock) the same BullMQ redelivery job brings it back.
    await box.api('clock', { advanceMs: 2 * 3600_000 });
    await eventually(
      () => messages(box!, 'UBEN', 'DBEN'),
      (m) => m.length === 2,
      'the snoozed nudge',
    );
  });

  it('refuses unknown commands like Slack, bad bodies with 400, and "next nudge" with nothing scheduled', async () => {
    box = await startTestSandbox();
    const unknown = await box.api<{ ok: boolean; error: string }>('compose', {
      as: 'UBEN',
      channel: 'CTEAM',
      text: '/reflcet',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.error).toContain('/reflcet is not a valid command');
    expect((await box.api('compose', { as: 'UNOBODY', channel: 'CTEAM', text: 'hi' })).status).toBe(400);
    expect((await box.api('clock', { advanceMs: -5 })).status).toBe(400);
    const none = await box.api<{ error: string }>('clock', { to: 'next-nudge' });
    expect(none.status).toBe(409);
    expect(none.error).toContain('/reflect schedule');
    const traversal = await fetch(`${box.url}..%2F..%2Fpackage.json`);
    expect(traversal.status).toBe(404);
  });

  it('keeps the workspace across a restart, and "Reset sandbox" clears it', async () => {
    box = await startTestSandbox();
    await box.api('compose', { as: 'UBEN', channel: 'CGENERAL', text: 'Morning, all!' });
    await box.api('clock', { advanceMs: 3600_000 });
    const before = await box.api<{ clock: { offsetMs: number } }>('state?as=UBEN');
    expect(before.clock.offsetMs).toBe(3600_000);
    await box.stop();
    box = await startTestSandbox({ keepRedis: true });
    expect((await messages(box, 'UAMARA', 'CGENERAL')).map((m) => m.text)).toEqual(['Morning, all!']);
    expect((await box.api<{ clock: { offsetMs: number } }>('state?as=UBEN')).clock.offsetMs).toBe(3600_000);
    await box.api('reset', {});
    expect(await messages(box, 'UAMARA', 'CGENERAL')).toEqual([]);
    expect((await box.api<{ clock: { offsetMs: number } }>('state?as=UBEN')).clock.offsetMs).toBe(0);
    // The product still answers after the reset.
    await box.api('compose', { as: 'UBEN', channel: 'CGENERAL', text: '/reflect help' });
    await eventually(
      () => messages(box!, 'UBEN', 'CGENERAL'),
      (m) => m.length === 1,
      'help after reset',
    );
  });
});
