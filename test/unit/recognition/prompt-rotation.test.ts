import { describe, expect, it } from 'vitest';
import { RECOGNITION_PROMPTS } from '#messages/recognition-prompts.ts';
import { promptForWeek } from '#src/recognition/prompt-rotation.ts';

const WEEK = 7 * 24 * 3600 * 1000;

describe('promptForWeek', () => {
  it('is deterministic for a channel and week', () => {
    const at = new Date('2026-12-04T15:00:00Z');
    expect(promptForWeek('C1', at, 'Europe/Berlin')).toEqual(promptForWeek('C1', at, 'Europe/Berlin'));
    // Any instant in the same local week gives the same prompt.
    expect(promptForWeek('C1', new Date('2026-11-30T08:00:00Z'), 'Europe/Berlin')).toEqual(
      promptForWeek('C1', at, 'Europe/Berlin'),
    );
  });

  it('shows every prompt once before repeating', () => {
    const start = new Date('2026-01-09T15:00:00Z');
    const seen = Array.from(
      { length: RECOGNITION_PROMPTS.length },
      (_, i) => promptForWeek('C042', new Date(start.getTime() + i * WEEK), 'America/New_York').id,
    );
    expect(new Set(seen).size).toBe(RECOGNITION_PROMPTS.length);
  });

  it('differs between channels in the same week (usually)', () => {
    const at = new Date('2026-12-04T15:00:00Z');
    const ids = new Set(['C1', 'C2', 'C3', 'C4', 'C5'].map((c) => promptForWeek(c, at, 'UTC').id));
    expect(ids.size).toBeGreaterThan(1);
  });
});
