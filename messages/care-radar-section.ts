import type { KnownBlock } from '@slack/types';
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

function weeksText(weeks: number): string {
  return weeks === 1 ? 'the last week' : `the last ${weeks} weeks`;
}

/** The overlooked people, one line each with a "Recognize" button. */
function overlookedBlocks(radar: CareRadarView): KnownBlock[] {
  const listed = radar.overlooked.slice(0, MAX_LISTED);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Care radar* (only you can see this): no recognition you could see for ${
          radar.overlooked.length === 1 ? 'this person' : `these ${radar.overlooked.length} people`
        } you named in ${weeksText(radar.weeks)} (private thanks between others stay private). A specific word from you could mean a lot.`,
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
          text: { type: 'plain_text', text: 'Recognize' },
          value: id,
        },
      }),
    ),
  ];
  const more = radar.overlooked.length - listed.length;
  if (more > 0) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${more} more. \`/reflect team\` shows everyone.` }],
    });
  }
  return blocks;
}

export function careRadarSection(radar: CareRadarView, options: { surface: CareRadarSurface }): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (options.surface === 'home') {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: '*Recognition*\nSaw someone do something worth naming? Tell them.' },
      accessory: {
        type: 'button',
        action_id: RECOGNITION_OPEN_ACTION,
        text: { type: 'plain_text', text: 'Recognize someone' },
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
            text: 'Lead people? Name them with `/reflect team @a @b` and Throughline will tell you, privately, who nobody has recognized in a while.',
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
            text: `*Care radar:* everyone you named has been recognized in ${weeksText(radar.weeks)}.`,
          },
        ],
      });
    }
    return blocks;
  }
  return [...blocks, ...overlookedBlocks(radar)];
}

/** Most names the team list shows in one section (section text is at most 3,000 characters). */
const MAX_TEAM_NAMES = 100;

/** The ephemeral reply to `/reflect team`: the manager's own list, then their radar. */
export function careRadarTeamMessage(
  radar: CareRadarView,
  options: { intro?: string; usage: string },
): { response_type: 'ephemeral'; text: string; blocks: KnownBlock[] } {
  const intro = options.intro ? `${options.intro} ` : '';
  if (radar.team.length === 0) {
    const text = `${intro}You haven't named your people yet. ${options.usage}`;
    return {
      response_type: 'ephemeral',
      text,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    };
  }
  const names = radar.team.slice(0, MAX_TEAM_NAMES).map((id) => `<@${id}>`);
  const more = radar.team.length - names.length;
  const text = `${intro}*Your people* (${radar.team.length}; only you can see this list): ${names.join(', ')}${
    more > 0 ? ` and ${more} more` : ''
  }`;
  return {
    response_type: 'ephemeral',
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      ...careRadarSection(radar, { surface: 'command' }),
      { type: 'context', elements: [{ type: 'mrkdwn', text: options.usage }] },
    ],
  };
}

/** How `/reflect team` is used; ends most of its replies. */
export const TEAM_USAGE =
  'Name your people with `/reflect team @ann @bob` (or a user group, `/reflect team @design-team`). `/reflect team` shows your list; `/reflect team clear` empties it.';

/** Why `/reflect team …` could not be read. */
export const TEAM_INPUT_REFUSALS = {
  tooLong: `That's too long to read. ${TEAM_USAGE}`,
  broadcast: `Please name people or a user group, not the whole channel. ${TEAM_USAGE}`,
} as const;

/** `word` is what the person typed: shown without markup (no ping, no formatting) and cut short. */
export function unreadablePersonMessage(word: string): string {
  const shown = word.replace(/[`<>&*_~]/g, '').slice(0, 40);
  return `I couldn't read \`${shown}\` as a person. Type @ and pick them from Slack's list. ${TEAM_USAGE}`;
}

export const GUEST_TEAM_MESSAGE =
  'Team features such as the care radar are for members of this workspace, not guests. Your own reflections (`/reflect`) and recognitions (`/recognize`) work as usual.';

export const GUEST_CHECK_FAILED =
  'Sorry, I could not check your account with Slack just now, so nothing changed. Please try again in a minute.';

export const TEAM_CLEARED_TEXT = `Done: your care radar list is empty. ${TEAM_USAGE}`;

export function userGroupUnreadableText(code: string): string {
  return `I couldn't read the members of that user group (${code}), so nothing changed. ${TEAM_USAGE}`;
}

/** Leads the list once it was saved; the manager is never on their own radar. */
export function teamSavedIntro(saved: number, leftOutSelf: boolean): string {
  const skippedSelf = leftOutSelf ? ' (I left you out: the radar is about your people.)' : '';
  return `Saved ${saved} ${saved === 1 ? 'person' : 'people'}.${skippedSelf}`;
}
