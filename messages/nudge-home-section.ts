import type { KnownBlock } from '@slack/types';
import { formatLocal, formatSchedule } from '#messages/format-time.ts';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import { chooseScheduleButton } from './nudge-schedule-modal.ts';

/**
 * The "Weekly nudge" section of App Home: what is scheduled, and the controls. Action ids are
 * created here and handled by src/nudges/listeners/nudge-home-actions.ts.
 */
export const NUDGE_HOME_ACTIONS = {
  optIn: 'nudge_home_opt_in',
  pause: 'nudge_home_pause',
  resume: 'nudge_home_resume',
  stop: 'nudge_home_stop',
} as const;

export interface NudgeHomeInput {
  enrolled: boolean;
  schedule?: WeeklySchedule;
  tz?: string;
  nextAt?: Date;
  /** Paused weeks from this week on. */
  upcomingPaused: string[];
}

function button(text: string, actionId: string, style?: 'primary' | 'danger') {
  return {
    type: 'button' as const,
    action_id: actionId,
    text: { type: 'plain_text' as const, text },
    value: actionId,
    ...(style ? { style } : {}),
  };
}

export function nudgeHomeSection(input: NudgeHomeInput): KnownBlock[] {
  const header: KnownBlock = { type: 'header', text: { type: 'plain_text', text: 'Weekly nudge' } };
  if (!input.enrolled || !input.schedule || !input.tz) {
    return [
      header,
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: 'Get one gentle DM a week to reflect, at the day and time you choose, in your own time zone.',
        },
      },
      {
        type: 'actions',
        block_id: 'nudge_home',
        elements: [
          button('Nudge me Fridays at 16:00', NUDGE_HOME_ACTIONS.optIn, 'primary'),
          chooseScheduleButton(),
        ],
      },
    ];
  }
  const lines = [`${formatSchedule(input.schedule)} (${input.tz})`];
  if (input.nextAt) lines.push(`Next: ${formatLocal(input.nextAt, input.tz)}`);
  if (input.upcomingPaused.length > 0) {
    const n = input.upcomingPaused.length;
    lines.push(`Paused for ${n} week${n === 1 ? '' : 's'} (${input.upcomingPaused.join(', ')}).`);
  }
  return [
    header,
    { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
    {
      type: 'actions',
      block_id: 'nudge_home',
      elements: [
        chooseScheduleButton('Change day and time', 'home'),
        input.upcomingPaused.length > 0
          ? button('Resume', NUDGE_HOME_ACTIONS.resume)
          : button('Pause 1 week', NUDGE_HOME_ACTIONS.pause),
        button('Stop nudges', NUDGE_HOME_ACTIONS.stop, 'danger'),
      ],
    },
  ];
}
