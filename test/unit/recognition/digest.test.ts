import { describe, expect, it } from 'vitest';
import { channelPromptMessage, digestHeadline } from '#messages/channel-prompt-message.ts';
import { RECOGNITION_PROMPTS } from '#messages/recognition-prompts.ts';
import { summarizeDigest } from '#src/recognition/digest.ts';
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
    expect(digestHeadline(summary)).toBe('Last week: 3 recognitions for 3 people');
  });

  it('drops private recognitions even if one is passed in', () => {
    const summary = summarizeDigest([
      record({ recipientIds: ['U1'] }),
      record({ recipientIds: ['USECRET'], visibility: 'private', channelId: undefined }),
    ]);
    expect(summary.people).toEqual(['U1']);
    expect(summary.count).toBe(1);
  });

  it('uses singular words for one', () => {
    expect(digestHeadline(summarizeDigest([record({})]))).toBe('Last week: 1 recognition for 1 person');
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
    expect(text).toContain('Last week: 60 recognitions for 60 people');
    expect(text).toContain('and 20 more');
    expect(text).toContain('recognition_open');
    // No ranking language and no per-person counts in the digest itself.
    const digestText = JSON.stringify(message.blocks.slice(0, 2));
    expect(digestText).not.toMatch(/\b(top|leader|rank|points|most)\b/i);
    expect(digestText).not.toMatch(/<@U\d+> \(\d+\)|<@U\d+>: \d+/);
  });

  it('leaves the digest out when last week had none', () => {
    const message = channelPromptMessage({
      prompt: RECOGNITION_PROMPTS[1]!,
      channelId: 'C1',
      digest: summarizeDigest([]),
    });
    expect(message.text).toBe(RECOGNITION_PROMPTS[1]!.text);
    expect(JSON.stringify(message.blocks)).not.toContain('Last week');
  });
});
