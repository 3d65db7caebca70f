import { describe, expect, it } from 'vitest';
import { channelPromptMessage, digestBlocks, digestThanks } from '#messages/channel-prompt-message.ts';
import { RECOGNITION_PROMPTS } from '#messages/recognition-prompts.ts';
import { digestWindow, summarizeDigest } from '#src/recognition/digest.ts';
import type { RecognitionRecord } from '#src/recognition/recognition-record.ts';
import { blockKitViolations } from '#src/sandbox/block-kit-limits.ts';

function record(partial: Partial<RecognitionRecord>): RecognitionRecord {
  return {
    id: `id${Math.random().toString(36).slice(2, 12)}`,
    giverId: 'UG',
    recipientIds: ['U1'],
    words: 'thanks',
    dimension: 'heart',
    visibility: 'channel',
    channelId: 'C1',
    at: 1,
    ...partial,
  };
}

describe('summarizeDigest', () => {
  it('counts public recognitions, the people recognised (first-recognised order) and the dimension mix', () => {
    const summary = summarizeDigest([
      record({ recipientIds: ['U2'], at: 2, dimension: 'mind' }),
      record({ recipientIds: ['U1', 'U2'], at: 1 }),
      record({ recipientIds: ['U3'], at: 3, dimension: 'soul' }),
    ]);
    expect(summary).toEqual({ count: 3, people: ['U1', 'U2', 'U3'], mix: { soul: 1, heart: 1, mind: 1 } });
  });

  it('drops private recognitions even if one is passed in', () => {
    const summary = summarizeDigest([
      record({ recipientIds: ['U1'] }),
      record({ recipientIds: ['USECRET'], visibility: 'private', channelId: undefined }),
    ]);
    expect(summary.people).toEqual(['U1']);
    expect(summary.count).toBe(1);
  });

  it('reads as thanks, not a score: no counts, no tally per dimension', () => {
    const summary = summarizeDigest([
      record({ recipientIds: ['U1'], dimension: 'heart' }),
      record({ recipientIds: ['U1', 'U2'], dimension: 'heart' }),
      record({ recipientIds: ['U3'], dimension: 'mind' }),
    ]);
    const [block] = digestBlocks(summary);
    const text = JSON.stringify(block);
    expect(text).toContain(`*${digestThanks()}.*`);
    expect(text).toContain(
      'Recognized here for caring for people and solving problems together: <@U1>, <@U2> and <@U3>.',
    );
    // No numbers at all once the mentions are taken out.
    expect(text.replace(/<@U\d+>/g, '')).not.toMatch(/\d/);
    expect(text).not.toMatch(/recognitions? for|heart \d|mind \d|people\)/);
    expect(JSON.stringify(digestBlocks(summarizeDigest([record({ recipientIds: ['U9'] })])))).toContain(
      'Recognized here for caring for people: <@U9>.',
    );
  });

  it('leads the weekly prompt, names only people recognised, and stays within Block Kit limits', () => {
    const people = Array.from({ length: 60 }, (_, i) => `U${100 + i}`);
    const message = channelPromptMessage({
      prompt: RECOGNITION_PROMPTS[0]!,
      channelId: 'C1',
      digest: summarizeDigest(people.map((id, i) => record({ recipientIds: [id], at: i }))),
    });
    expect(blockKitViolations('message', message.blocks)).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain(digestThanks());
    expect(text).toContain('and 20 more');
    expect(text).toContain('recognition_open');
    // No ranking language and no per-person counts in the digest itself.
    const digestText = JSON.stringify(message.blocks.slice(0, 2));
    expect(digestText).not.toMatch(/\b(top|leader|rank|points|most|score)\b/i);
    expect(digestText).not.toMatch(/<@U\d+> \(\d+\)|<@U\d+>: \d+/);
  });

  it('leaves the digest out when last week had none', () => {
    const message = channelPromptMessage({
      prompt: RECOGNITION_PROMPTS[1]!,
      channelId: 'C1',
      digest: summarizeDigest([]),
    });
    expect(message.text).toBe(RECOGNITION_PROMPTS[1]!.text);
    expect(JSON.stringify(message.blocks)).not.toContain(digestThanks());
  });
});

describe("digestWindow: the previous calendar week in the channel's time zone", () => {
  const iso = (ms: number) => new Date(ms).toISOString();

  it('is Monday 00:00 to Monday 00:00 local before the week of the post, whatever the weekday', () => {
    // Friday 4 December 2026, 16:00 in Berlin (CET, UTC+1).
    const friday = digestWindow(new Date('2026-12-04T15:00:00Z'), 'Europe/Berlin');
    expect(iso(friday.fromMs)).toBe('2026-11-22T23:00:00.000Z'); // Mon 23 Nov 00:00 CET
    expect(iso(friday.toMs)).toBe('2026-11-29T23:00:00.000Z'); // Mon 30 Nov 00:00 CET
    // A Monday 09:00 post covers the whole week before, not the 7 days up to the post.
    const monday = digestWindow(new Date('2026-11-30T08:00:00Z'), 'Europe/Berlin');
    expect(monday).toEqual(friday);
  });

  it("uses the channel's zone: 45-minute offsets and the other side of the date line", () => {
    // Friday 4 December 2026 09:00 in Kathmandu (UTC+05:45) is 03:15Z.
    const kathmandu = digestWindow(new Date('2026-12-04T03:15:00Z'), 'Asia/Kathmandu');
    expect(iso(kathmandu.fromMs)).toBe('2026-11-22T18:15:00.000Z');
    expect(iso(kathmandu.toMs)).toBe('2026-11-29T18:15:00.000Z');
    // Monday 30 November 2026 08:00 in Auckland (NZDT, UTC+13) is still Sunday 19:00Z.
    const auckland = digestWindow(new Date('2026-11-29T19:00:00Z'), 'Pacific/Auckland');
    expect(iso(auckland.fromMs)).toBe('2026-11-22T11:00:00.000Z');
    expect(iso(auckland.toMs)).toBe('2026-11-29T11:00:00.000Z');
  });

  it('spans 167 or 169 hours across a daylight-saving change', () => {
    const hours = (w: { fromMs: number; toMs: number }) => (w.toMs - w.fromMs) / 3_600_000;
    // Europe springs forward on Sunday 29 March 2026 and falls back on Sunday 25 October 2026.
    expect(hours(digestWindow(new Date('2026-04-03T14:00:00Z'), 'Europe/Berlin'))).toBe(167);
    expect(hours(digestWindow(new Date('2026-10-30T15:00:00Z'), 'Europe/Berlin'))).toBe(169);
    expect(hours(digestWindow(new Date('2026-12-04T15:00:00Z'), 'Europe/Berlin'))).toBe(168);
  });
});
