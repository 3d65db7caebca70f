import { describe, expect, it } from 'vitest';
import { NUDGE_SCHEDULE_CALLBACK } from '#messages/nudge-schedule-modal.ts';
import { viewSubmissionPayload } from '#test/support/slack-payloads.ts';
import { useTestApp } from '#test/support/test-app.ts';

// An org-wide (Enterprise Grid) install sends `team: null`; the person's `user.team_id` still names
// the workspace, as Bolt reads it to authorize. Every listener reads it through teamIdOf.

const t = useTestApp({ now: new Date('2026-12-01T09:00:00Z') });

function orgWide(payload: object): object {
  const body = payload as { team: unknown; view: Record<string, unknown> };
  body.team = null;
  delete body.view.team_id;
  return body;
}

describe('the workspace of a payload', () => {
  it('a nudge schedule saved from an org-wide modal (team null) is saved for the person’s workspace', async () => {
    const response = await t.interact(
      orgWide(
        viewSubmissionPayload({
          userId: 'U1',
          callbackId: NUDGE_SCHEDULE_CALLBACK,
          values: {
            nudge_day: { day: { type: 'static_select', selected_option: { value: '2' } } },
            nudge_time: { time: { type: 'timepicker', selected_time: '09:30' } },
          },
        }),
      ),
    );
    expect(response.status).toBe(200);
    const [reply] = await t.slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok);
    expect(String(reply?.params.text)).toMatch(/^Done: a weekly nudge/);
    expect(await t.throughline.deps.nudges?.store.get('T1', 'U1')).toMatchObject({
      enrolled: true,
      schedule: { weekday: 2, hour: 9, minute: 30 },
    });
  });
});
