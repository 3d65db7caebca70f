import { type HelpMessage, usageMessage } from './help-message.ts';

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

export function recognizeHelpMessage(): HelpMessage {
  return usageMessage(
    'Recognition is care, not a contest: name what someone did and what it made possible.',
    RECOGNIZE_USAGE,
    'A private recognition goes only to the people you name, by DM; it never appears in a channel or a digest.',
  );
}
