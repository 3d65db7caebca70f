import type { KnownBlock } from '@slack/types';

/** Everything `/recognize` can do. */
export const RECOGNIZE_USAGE: readonly { usage: string; what: string }[] = [
  {
    usage: '/recognize @someone what they did #heart',
    what: 'post a recognition in this channel (tag it #soul, #heart or #mind; heart if you leave it out) and DM them a link',
  },
  { usage: '/recognize', what: 'open the form: pick people, and post in a channel or send privately' },
  {
    usage: '/recognize schedule fri 16:00',
    what: '(admins) post a short weekly recognition prompt in this channel, in your time zone; `off` removes it',
  },
  { usage: '/recognize digest on', what: "(admins) start each weekly prompt with last week's digest" },
  { usage: '/reflect team @a @b', what: 'name your people for your private care radar' },
];

export function recognizeHelpMessage(): { response_type: 'ephemeral'; text: string; blocks: KnownBlock[] } {
  const intro = 'Recognition is care, not a contest: name what someone did and what it made possible.';
  const lines = RECOGNIZE_USAGE.map((entry) => `• \`${entry.usage}\`: ${entry.what}`).join('\n');
  return {
    response_type: 'ephemeral',
    text: `${intro}\n${lines}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: intro } },
      { type: 'section', text: { type: 'mrkdwn', text: lines } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'A private recognition goes only to the people you name, by DM; it never appears in a channel or a digest.',
          },
        ],
      },
    ],
  };
}
