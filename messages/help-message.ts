import type { KnownBlock } from '@slack/types';

/** Everything `/reflect` can do, in the order a newcomer meets it. */
export const REFLECT_SUBCOMMANDS: readonly { usage: string; what: string }[] = [
  { usage: '/reflect', what: "open this week's private reflection on soul, heart and mind" },
  { usage: '/reflect history', what: 'see your recent reflections (only you can)' },
  {
    usage: '/reflect schedule fri 16:00',
    what: 'get a weekly nudge at that day and time, in your own time zone',
  },
  { usage: '/reflect pause [weeks]', what: 'pause nudges for 1–12 weeks (holidays); your streak is kept' },
  { usage: '/reflect resume', what: 'resume nudges' },
  { usage: '/reflect export', what: 'get all of your data as a JSON file in a DM' },
  { usage: '/reflect forget', what: 'delete all of your data, after a confirmation' },
  { usage: '/reflect team @a @b', what: 'name your people for your private care radar' },
  { usage: '/reflect invite @group', what: '(admins) invite a user group or #channel to opt in to nudges' },
  {
    usage: '/recognize @someone what they did',
    what: 'thank someone in this channel (#soul, #heart or #mind)',
  },
];

export interface HelpMessage {
  response_type: 'ephemeral';
  text: string;
  blocks: KnownBlock[];
}

/** An ephemeral list of commands: an intro line, one bullet per usage, and a footnote. */
export function usageMessage(
  intro: string,
  entries: readonly { usage: string; what: string }[],
  footnote: string,
): HelpMessage {
  const lines = entries.map((entry) => `• \`${entry.usage}\`: ${entry.what}`).join('\n');
  return {
    response_type: 'ephemeral',
    text: `${intro}\n${lines}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: intro } },
      { type: 'section', text: { type: 'mrkdwn', text: lines } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: footnote }] },
    ],
  };
}

/** The ephemeral help. `unknown` is the text we could not read, echoed back safely. */
export function reflectHelpMessage(unknown?: string): HelpMessage {
  const intro = unknown
    ? `I don't know \`${sanitizeForCode(unknown)}\` yet. Here is what I can do:`
    : 'Throughline helps you lead *through* people: a few minutes each week on soul, heart and mind.';
  return usageMessage(
    intro,
    REFLECT_SUBCOMMANDS,
    'Your reflections are private: only you can ever read them.',
  );
}

/** Keeps echoed input short and unable to break out of inline code or ping anyone. */
export function sanitizeForCode(text: string): string {
  const cleaned = text
    .replace(/[`<>&]/g, '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim();
  return cleaned.length > 40 ? `${cleaned.slice(0, 40)}…` : cleaned;
}
