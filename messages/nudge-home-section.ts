import type { KnownBlock } from '@slack/types';
import { formatLocal, formatSchedule } from '#messages/format-time.ts';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';
import { english, type Translator } from './i18n.ts';
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

export function nudgeHomeSection(input: NudgeHomeInput, tr: Translator = english()): KnownBlock[] {
  const header: KnownBlock = {
    type: 'header',
    text: { type: 'plain_text', text: tr.t('nudgeHomeSection.header') },
  };
  if (!input.enrolled || !input.schedule || !input.tz) {
    return [
      header,
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: tr.t('nudgeHomeSection.offer'),
        },
      },
      {
        type: 'actions',
        block_id: 'nudge_home',
        elements: [
          button(tr.t('nudgeHomeSection.optIn'), NUDGE_HOME_ACTIONS.optIn, 'primary'),
          chooseScheduleButton(tr.t('nudgeHomeSection.chooseDayAndTime'), 'choose', tr),
        ],
      },
    ];
  }
  const lines = [
    tr.t('nudgeHomeSection.schedule', { schedule: formatSchedule(input.schedule, tr), timeZone: input.tz }),
  ];
  if (input.nextAt)
    lines.push(tr.t('nudgeHomeSection.next', { next: formatLocal(input.nextAt, input.tz, tr) }));
  if (input.upcomingPaused.length > 0) {
    lines.push(
      tr.t('nudgeHomeSection.paused', {
        count: input.upcomingPaused.length,
        weeks: input.upcomingPaused.join(', '),
      }),
    );
  }
  return [
    header,
    { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
    {
      type: 'actions',
      block_id: 'nudge_home',
      elements: [
        chooseScheduleButton(tr.t('nudgeHomeSection.change'), 'home', tr),
        input.upcomingPaused.length > 0
          ? button(tr.t('nudgeHomeSection.resume'), NUDGE_HOME_ACTIONS.resume)
          : button(tr.t('nudgeHomeSection.pauseOneWeek'), NUDGE_HOME_ACTIONS.pause),
        button(tr.t('nudgeHomeSection.stop'), NUDGE_HOME_ACTIONS.stop, 'danger'),
      ],
    },
  ];
}
