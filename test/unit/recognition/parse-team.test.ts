import { describe, expect, it } from 'vitest';
import { parseTeam } from '#src/recognition/parse-team.ts';

describe('parseTeam', () => {
  it('shows the list with no text and clears with `clear`', () => {
    expect(parseTeam('')).toEqual({ kind: 'show' });
    expect(parseTeam('  CLEAR ')).toEqual({ kind: 'clear' });
  });

  it('reads mentions and user groups with spaces, commas and "and"', () => {
    expect(parseTeam('<@U1|ann> <@U2|bob>, <@U3> and <!subteam^S9|@design> &amp; <@U1>')).toEqual({
      kind: 'set',
      users: ['U1', 'U2', 'U3'],
      groups: ['S9'],
    });
  });

  it('refuses words it cannot read as people, and broadcasts', () => {
    expect(parseTeam('<@U1> bob')).toMatchObject({ kind: 'invalid' });
    expect(
      parseTeam('<@U1> bob').kind === 'invalid' && (parseTeam('<@U1> bob') as { message: string }).message,
    ).toContain('`bob`');
    expect(parseTeam('<!channel>')).toMatchObject({ kind: 'invalid' });
  });
});
