import { describe, expect, it } from 'vitest';
import { dimensionBalance } from '#src/reflect/dimension-balance.ts';

describe('dimensionBalance', () => {
  it('counts answered dimensions in the window that ends with the given week', () => {
    const history = [
      { weekKey: '2027-W02', dimensions: ['soul' as const, 'mind' as const] },
      { weekKey: '2026-W53', dimensions: ['soul' as const] },
      { weekKey: '2026-W52', dimensions: ['heart' as const] },
      { weekKey: '2026-W41', dimensions: ['mind' as const] }, // 14 weeks before 2027-W02
      { weekKey: '2027-W03', dimensions: ['heart' as const] }, // after: ignored
    ];
    expect(dimensionBalance(history, '2027-W02')).toEqual({ soul: 2, heart: 1, mind: 1 });
    expect(dimensionBalance(history, '2027-W02', 1)).toEqual({ soul: 1, heart: 0, mind: 1 });
    expect(dimensionBalance(history, '2027-W02', 15)).toEqual({ soul: 2, heart: 1, mind: 2 });
    expect(dimensionBalance(history, '2027-W02', 0)).toEqual({ soul: 0, heart: 0, mind: 0 });
  });

  it('counts a week once and ignores malformed entries', () => {
    const history = [
      { weekKey: '2026-W10', dimensions: ['soul' as const, 'soul' as const] },
      { weekKey: '2026-W10', dimensions: ['soul' as const] },
      { weekKey: 'not-a-week', dimensions: ['heart' as const] },
    ];
    expect(dimensionBalance(history, '2026-W10')).toEqual({ soul: 1, heart: 0, mind: 0 });
  });

  it('rejects a malformed week or window', () => {
    expect(() => dimensionBalance([], '2026-10')).toThrow(RangeError);
    expect(() => dimensionBalance([], '2026-W10', -1)).toThrow(RangeError);
  });
});
