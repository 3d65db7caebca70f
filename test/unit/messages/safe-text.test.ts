import { describe, expect, it } from 'vitest';
import {
  cleanInput,
  escapeMrkdwn,
  escapeWithin,
  quoteMrkdwn,
  splitMrkdwn,
  truncate,
} from '#messages/safe-text.ts';
import { weekLabel } from '#messages/week-label.ts';

describe('safe text', () => {
  it('escapes every Slack control sequence so nothing pings or links', () => {
    const text = '<!channel> <!here> <!everyone> <@U123> <#C1> <!subteam^S1> <https://x.test|click> & more';
    const escaped = escapeMrkdwn(text);
    expect(escaped).not.toMatch(/[<>]/);
    expect(escaped).toBe(
      '&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U123&gt; &lt;#C1&gt; &lt;!subteam^S1&gt; &lt;https://x.test|click&gt; &amp; more',
    );
  });

  it('cleans input: no control characters, no lone surrogates, LF line ends, trimmed', () => {
    expect(cleanInput('  a\r\nb\rc\u0000\u0085\u2028d\t \ud800x ')).toBe('a\nb\ncd\t \ufffdx');
  });

  it('truncates without splitting a surrogate pair and quotes line by line', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab🙂cd', 4)).toBe('ab…');
    expect(quoteMrkdwn('one\n<two>', 100)).toBe('>one\n>&lt;two&gt;');
  });

  it('measures after escaping: the escaped result fits, cut between whole characters', () => {
    expect(escapeWithin('&'.repeat(1000), 3000)).toBe(`${'&amp;'.repeat(599)}…`);
    expect(escapeWithin('a<b', 10)).toBe('a&lt;b');
    // An emoji with a skin tone and a letter with two combining marks are never split.
    const cut = escapeWithin('👍🏽'.repeat(10), 9);
    expect(cut).toBe('👍🏽👍🏽…');
    expect(escapeWithin('e\u0301\u0302'.repeat(5), 8)).toBe('e\u0301\u0302e\u0301\u0302…');
    const quoted = quoteMrkdwn('&\n'.repeat(2000), 1500);
    expect(quoted.length).toBeLessThanOrEqual(1500);
    expect(quoted).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it('splits escaped mrkdwn without cutting an entity, a token or an emoji', () => {
    const pieces = splitMrkdwn('&lt;'.repeat(1000), 2998);
    expect(pieces.map((p) => p.length)).toEqual([2996, 1004]);
    expect(pieces.join('')).toBe('&lt;'.repeat(1000));
    const words = `${'x'.repeat(2990)} <https://a.example/long> 🙂`;
    const [first, second] = splitMrkdwn(words, 2998);
    expect(first).toBe('x'.repeat(2990));
    expect(second).toBe('<https://a.example/long> 🙂');
  });

  it('names weeks by their Monday', () => {
    expect(weekLabel('2026-W48')).toBe('week of 23 Nov 2026');
    expect(weekLabel('2026-W53')).toBe('week of 28 Dec 2026');
    expect(weekLabel('2027-W01')).toBe('week of 4 Jan 2027');
    expect(weekLabel('bad')).toBe('bad');
  });
});
