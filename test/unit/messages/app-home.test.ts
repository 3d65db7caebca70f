import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { buildAppHome, HOME_MAX_BLOCKS, type HomeModel } from '#messages/app-home.ts';
import { REFLECT_NOW_ACTION } from '#messages/reflect-now-button.ts';
import { REFLECTION_PROMPTS } from '#messages/reflection-prompts.ts';
import { blockKitViolations } from '#src/sandbox/block-kit-limits.ts';

const newcomer: HomeModel = {
  weekKey: '2026-W48',
  reflectedThisWeek: false,
  streak: 0,
  balance: { soul: 0, heart: 0, mind: 0 },
  balanceWeeks: 12,
  totalWeeks: 0,
  recent: [],
};

const huge = `<!channel> ${'w'.repeat(2990)}`;
const heavy: HomeModel = {
  weekKey: '2026-W48',
  reflectedThisWeek: true,
  streak: 150,
  balance: { soul: 12, heart: 11, mind: 12 },
  balanceWeeks: 12,
  totalWeeks: 200,
  recent: [0, 1, 2, 3, 4].map((n) => ({
    weekKey: `2026-W${String(48 - n).padStart(2, '0')}`,
    prompts: REFLECTION_PROMPTS.slice(n * 3, n * 3 + 3).map((p) => ({ ...p, answer: huge })),
    intention: `<@U2> ${'i'.repeat(495)}`,
    ratings: { soul: 3, heart: 2, mind: 1 },
    unreadable: [],
  })),
  lastIntention: { text: 'x'.repeat(500), weeksAgo: 1 },
};

const section = (n: number): KnownBlock[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'section', text: { type: 'mrkdwn', text: `extra ${i}` } }));

describe('App Home', () => {
  it('renders a newcomer with a Reflect now button, inside the limits', () => {
    const view = buildAppHome(newcomer);
    expect(blockKitViolations('home', view)).toEqual([]);
    expect(JSON.stringify(view)).toContain(REFLECT_NOW_ACTION);
    expect(JSON.stringify(view)).toContain('none yet');
  });

  it('renders a heavy user inside the limits, escaping their text', () => {
    const view = buildAppHome(heavy, [section(20), section(20)]);
    expect(blockKitViolations('home', view)).toEqual([]);
    const json = JSON.stringify(view);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U2>');
    expect(json).toContain('150 weeks in a row');
    expect(json).toContain('extra 19');
  });

  it('leaves out extra sections that do not fit in 100 blocks, and says so', () => {
    const view = buildAppHome(
      heavy,
      Array.from({ length: 10 }, () => section(20)),
    );
    expect(view.blocks.length).toBeLessThanOrEqual(HOME_MAX_BLOCKS);
    expect(blockKitViolations('home', view)).toEqual([]);
    expect(JSON.stringify(view)).toContain('left out');
    const oneHuge = buildAppHome(newcomer, [section(200)]);
    expect(oneHuge.blocks.length).toBeLessThanOrEqual(HOME_MAX_BLOCKS);
  });
});
