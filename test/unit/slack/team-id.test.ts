import { describe, expect, it } from 'vitest';
import { type PayloadTeams, teamIdOf } from '#src/slack/team-id.ts';

describe('teamIdOf', () => {
  it.each<[string, PayloadTeams, { teamId?: string }, string | undefined]>([
    [
      'a button in a workspace',
      { type: 'block_actions', team: { id: 'T1' }, user: { team_id: 'T1' } },
      { teamId: 'T9' },
      'T1',
    ],
    [
      'a button in an org-wide install (team null)',
      { type: 'block_actions', team: null, user: { team_id: 'T2' } },
      { teamId: 'T9' },
      'T2',
    ],
    [
      'a modal submitted in a workspace',
      { type: 'view_submission', team: { id: 'T1' }, view: { team_id: 'T1' } },
      {},
      'T1',
    ],
    [
      'a modal in an org-wide install',
      { type: 'view_submission', team: null, user: {}, view: { team_id: 'T3' } },
      {},
      'T3',
    ],
    [
      'a modal that names no workspace',
      { type: 'view_submission', team: null, user: {}, view: {} },
      { teamId: 'T1' },
      'T1',
    ],
    ['a slash command', { team_id: 'T4' }, { teamId: 'T9' }, 'T4'],
    [
      'an event: the authorized workspace first',
      { type: 'event_callback', team_id: 'TOTHER' },
      { teamId: 'T1' },
      'T1',
    ],
    ['an event without an authorization', { type: 'event_callback', team_id: 'T5' }, {}, 'T5'],
    ['nothing names a workspace', { type: 'block_actions', team: null, user: {} }, {}, undefined],
  ])('%s', (_name, body, context, expected) => {
    expect(teamIdOf(body, context)).toBe(expected);
  });
});
