import type { KnownBlock } from '@slack/types';
import { english, type Translator } from '#messages/i18n.ts';
import { RECOGNITION_OPEN_ACTION } from '#messages/recognition-modal.ts';

/**
 * The care radar as a manager sees it (App Home, the weekly nudge DM, `/reflect team`): the
 * people they named with no recognition they could see lately (public ones, and private ones they
 * gave or shared: a private thank-you between others never shows here), each with a "Recognize" button that opens
 * the recognition modal pre-filled. Only ever built for the manager who named them.
 */

/** "Recognize" button next to one person; `value` is their user id. */
export const CARE_RADAR_RECOGNIZE_ACTION = 'care_radar_recognize';

/** Most people listed with a button (each is one block). */
const MAX_LISTED = 15;

export interface CareRadarView {
  team: readonly string[];
  overlooked: readonly string[];
  weeks: number;
}

export type CareRadarSurface = 'home' | 'nudge' | 'command';

function weeksText(weeks: number, tr: Translator): string {
  return tr.t('careRadar.lastWeeks', { weeks });
}

/** The overlooked people, one line each with a "Recognize" button. */
function overlookedBlocks(radar: CareRadarView, tr: Translator): KnownBlock[] {
  const listed = radar.overlooked.slice(0, MAX_LISTED);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: tr.t('careRadar.overlookedIntro', {
          count: radar.overlooked.length,
          period: weeksText(radar.weeks, tr),
        }),
      },
    },
    ...listed.map(
      (id): KnownBlock => ({
        type: 'section',
        block_id: `care_radar_${id}`,
        text: { type: 'mrkdwn', text: `<@${id}>` },
        accessory: {
          type: 'button',
          action_id: CARE_RADAR_RECOGNIZE_ACTION,
          text: { type: 'plain_text', text: tr.t('careRadar.recognize') },
          value: id,
        },
      }),
    ),
  ];
  const more = radar.overlooked.length - listed.length;
  if (more > 0) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: tr.t('careRadar.more', { count: more }) }],
    });
  }
  return blocks;
}

export function careRadarSection(
  radar: CareRadarView,
  options: { surface: CareRadarSurface },
  tr: Translator = english(),
): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (options.surface === 'home') {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: tr.t('careRadar.homeIntro') },
      accessory: {
        type: 'button',
        action_id: RECOGNITION_OPEN_ACTION,
        text: { type: 'plain_text', text: tr.t('careRadar.recognizeSomeone') },
        value: '',
      },
    });
  }
  if (radar.team.length === 0) {
    if (options.surface !== 'nudge') {
      blocks.push({
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: tr.t('careRadar.noTeam'),
          },
        ],
      });
    }
    return blocks;
  }
  if (radar.overlooked.length === 0) {
    if (options.surface !== 'nudge') {
      blocks.push({
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: tr.t('careRadar.allRecognized', { period: weeksText(radar.weeks, tr) }),
          },
        ],
      });
    }
    return blocks;
  }
  return [...blocks, ...overlookedBlocks(radar, tr)];
}

/** Most names the team list shows in one section (section text is at most 3,000 characters). */
const MAX_TEAM_NAMES = 100;

/** The ephemeral reply to `/reflect team`: the manager's own list, then their radar. */
export function careRadarTeamMessage(
  radar: CareRadarView,
  options: { intro?: string; usage: string },
  tr: Translator = english(),
): { response_type: 'ephemeral'; text: string; blocks: KnownBlock[] } {
  const intro = options.intro ? `${options.intro} ` : '';
  if (radar.team.length === 0) {
    const text = `${intro}${tr.t('careRadar.noPeopleYet', { usage: options.usage })}`;
    return {
      response_type: 'ephemeral',
      text,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    };
  }
  const names = radar.team.slice(0, MAX_TEAM_NAMES).map((id) => `<@${id}>`);
  const more = radar.team.length - names.length;
  const listed =
    more > 0 ? tr.t('careRadar.andMore', { names: names.join(', '), count: more }) : names.join(', ');
  const text = `${intro}${tr.t('careRadar.yourPeople', { count: radar.team.length, names: listed })}`;
  return {
    response_type: 'ephemeral',
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      ...careRadarSection(radar, { surface: 'command' }, tr),
      { type: 'context', elements: [{ type: 'mrkdwn', text: options.usage }] },
    ],
  };
}

/** How `/reflect team` is used; ends most of its replies. */
export function teamUsage(tr: Translator = english()): string {
  return tr.t('careRadar.usage');
}

/** The fixed replies of `/reflect team`; each but the guest ones ends with the usage. */
export type TeamReply = 'tooLong' | 'broadcast' | 'guestTeam' | 'guestCheckFailed' | 'teamCleared';

export function teamReplyText(reply: TeamReply, tr: Translator = english()): string {
  return tr.t(`careRadar.${reply}`, { usage: teamUsage(tr) });
}

/** `word` is what the person typed: shown without markup (no ping, no formatting) and cut short. */
export function unreadablePersonMessage(word: string, tr: Translator = english()): string {
  const shown = word.replace(/[`<>&*_~]/g, '').slice(0, 40);
  return tr.t('careRadar.unreadablePerson', { word: shown, usage: teamUsage(tr) });
}

export function userGroupUnreadableText(code: string, tr: Translator = english()): string {
  return tr.t('careRadar.userGroupUnreadable', { code, usage: teamUsage(tr) });
}

/** Leads the list once it was saved; the manager is never on their own radar. */
export function teamSavedIntro(saved: number, leftOutSelf: boolean, tr: Translator = english()): string {
  return tr.t(leftOutSelf ? 'careRadar.teamSavedLeftOutSelf' : 'careRadar.teamSaved', { count: saved });
}
