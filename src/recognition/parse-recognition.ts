import { english, type Translator } from '#messages/i18n.ts';
import { refusalText, tooLongMessage, unknownNameMessage } from '#messages/recognition-replies.ts';
import type { Dimension } from '#messages/reflection-prompts.ts';
import { MAX_RECIPIENTS, MAX_RECOGNITION_CHARS } from './recognition-limits.ts';

/**
 * Reads what people type after `/recognize` (the manifest sets `should_escape: true`, so Slack
 * sends mentions as `<@U123|ann>`, user groups as `<!subteam^S1|@team>`, broadcasts as `<!here>`,
 * and a literal `<`, `>` or `&` as `&lt;`, `&gt;`, `&amp;`). Pure: no I/O, no clock.
 *
 * The result is one of:
 * - `post`: recipients and words are known; post it (after checking recipients with Slack);
 * - `form`: someone or something is missing; open the recognition modal pre-filled;
 * - `refused`: a clear, kind message for the giver, and nothing is posted.
 *
 * `words` is safe Slack mrkdwn: user mentions keep Slack's label (`<@U…|ann>`) so that
 * `onlyMention` can later show anyone who is not a recipient by name without a ping; channel links
 * are kept; a link shows its real address (`<https://x>`, never a label that hides it); user
 * groups and dates become plain text; `<!channel>`/`<!here>`/`<!everyone>` (and `@here`…) are
 * refused, so a recognition can never ping a whole channel or group.
 */

/** Raw command text longer than this is refused before any parsing. */
const MAX_RAW_CHARS = 3000;

export type RefusalReason = 'broadcast' | 'too-long' | 'group' | 'too-many' | 'self' | 'bot' | 'unknown-name';

export type RecognitionParse =
  | { kind: 'post'; recipients: string[]; words: string; dimension: Dimension }
  | {
      kind: 'form';
      reason: 'no-recipient' | 'no-words';
      recipients: string[];
      words: string;
      dimension: Dimension;
    }
  | { kind: 'refused'; reason: RefusalReason; message: string };

export interface ParseContext {
  /** The person giving the recognition. */
  giverId: string;
  /** The bot's own user id (from Bolt's context), refused as a recipient. */
  botUserId?: string;
  /** The giver's language, for the refusals (English when absent). */
  tr?: Translator;
}

export const DEFAULT_DIMENSION: Dimension = 'heart';

const BROADCAST_TOKEN = /<!(?:channel|here|everyone)(?:\|[^>]*)?>/i;
const BROADCAST_WORD = /(?:^|[^\w@])@(?:channel|here|everyone)\b/i;

/** True when the text would ping a whole channel or workspace if posted. */
export function containsBroadcast(text: string): boolean {
  return BROADCAST_TOKEN.test(text) || BROADCAST_WORD.test(text);
}

const USER_MENTION = /^<@([UW][A-Z0-9]{1,20})(?:\|[^>]*)?>/;
const GROUP_MENTION = /^<!subteam\^([A-Z0-9]{1,20})(?:\|[^>]*)?>/;
const SEPARATOR = /^(?:,|&amp;|\+|and\b)\s*/i;
const PLAIN_AT_NAME = /^@([\w.-]{1,80})/;
const TAG_WORD = /(^|\s)#(soul|heart|mind)\b/gi;
const TAG_CHANNEL = /<#[CG][A-Z0-9]{1,20}\|(soul|heart|mind)>/gi;

/** Reads `/recognize` text. See the module comment for the rules. */
export function parseRecognition(text: string, context: ParseContext): RecognitionParse {
  const tr = context.tr ?? english();
  const raw = typeof text === 'string' ? text.trim() : '';
  if (raw.length > MAX_RAW_CHARS) return refuse('too-long', tooLongMessage(raw.length, tr));
  if (containsBroadcast(raw)) return refuse('broadcast', refusalText('broadcast', tr));

  // Leading mentions are the recipients: "<@U1>, <@U2> and <@U3> shipped the fix".
  const leading: string[] = [];
  let rest = raw;
  for (;;) {
    rest = rest.trimStart();
    const user = USER_MENTION.exec(rest);
    if (user?.[1]) {
      leading.push(user[1]);
      rest = rest.slice(user[0].length);
      continue;
    }
    if (GROUP_MENTION.test(rest)) return refuse('group', refusalText('group', tr));
    const separator = SEPARATOR.exec(rest);
    if (leading.length > 0 && separator) {
      const after = rest.slice(separator[0].length).trimStart();
      if (USER_MENTION.test(after) || GROUP_MENTION.test(after)) {
        rest = after;
        continue;
      }
    }
    break;
  }
  rest = rest.trim();

  if (leading.length === 0) {
    // A plain "@name" Slack could not turn into a mention is a person it does not know.
    const plain = PLAIN_AT_NAME.exec(rest);
    if (plain?.[1]) return refuse('unknown-name', unknownNameMessage(`@${plain[1]}`, tr));
  }

  const { words: tagless, dimension } = takeDimension(rest);
  const words = toSafeMrkdwn(tagless);
  if (words.length > MAX_RECOGNITION_CHARS) return refuse('too-long', tooLongMessage(words.length, tr));

  // Natural phrasing: "huge thanks to <@U1> for the fix" names U1 inside the words.
  const recipients = unique(leading.length > 0 ? leading : mentionsIn(words));
  const refusal = checkRecipients(recipients, context);
  if (refusal) return refusal;

  if (recipients.length === 0) return { kind: 'form', reason: 'no-recipient', recipients, words, dimension };
  if (stripMentions(words) === '') {
    return { kind: 'form', reason: 'no-words', recipients, words: '', dimension };
  }
  return { kind: 'post', recipients, words, dimension };
}

/** Refuses self, the bot, and too many people. Shared by the command and the modal. */
export function checkRecipients(
  recipients: readonly string[],
  context: ParseContext,
): Extract<RecognitionParse, { kind: 'refused' }> | undefined {
  const tr = context.tr ?? english();
  if (recipients.includes(context.giverId)) return refuse('self', refusalText('self', tr));
  if (recipients.some((id) => id === context.botUserId || id === 'USLACKBOT')) {
    return refuse('bot', refusalText('bot', tr));
  }
  if (recipients.length > MAX_RECIPIENTS) return refuse('too-many', refusalText('tooMany', tr));
  return undefined;
}

/** Finds the first `#soul`/`#heart`/`#mind` tag (also as a channel link), removes every tag. */
export function takeDimension(text: string): { words: string; dimension: Dimension } {
  let dimension: Dimension | undefined;
  const note = (name: string) => {
    dimension ??= name.toLowerCase() as Dimension;
  };
  const words = text
    .replace(TAG_CHANNEL, (_match, name: string) => {
      note(name);
      return ' ';
    })
    .replace(TAG_WORD, (_match, before: string, name: string) => {
      note(name);
      return before;
    })
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
  return { words, dimension: dimension ?? DEFAULT_DIMENSION };
}

/**
 * Keeps user mentions (with Slack's label, for `onlyMention`), channel links and URLs (without
 * their label: a link shows where it goes); turns user groups, dates and other special tokens
 * into plain text so nothing but the named people can be pinged.
 */
export function toSafeMrkdwn(escaped: string): string {
  return escaped
    .replace(/<([^<>]*)>|[<>]/g, (match, inner: string | undefined) => {
      // A stray bracket (never sent by Slack, whose text arrives escaped) is shown as text, so
      // `<https://x|<@U1>>` cannot rebuild a labelled link around a token.
      if (inner === undefined) return match === '<' ? '&lt;' : '&gt;';
      const [target = '', label] = inner.split('|', 2) as [string, string | undefined];
      if (/^@[UW][A-Z0-9]{1,20}$/.test(target)) return label ? `<${target}|${label}>` : `<${target}>`;
      if (/^#[CG][A-Z0-9]{1,20}$/.test(target)) return `<${target}>`;
      if (/^(?:https?:\/\/|mailto:)/i.test(target)) return `<${target}>`;
      if (target.startsWith('!subteam^')) return label ? label.replace(/^@?/, '@') : '@group';
      if (target.startsWith('!')) return label ?? '';
      return label ?? target;
    })
    .trim();
}

/** Escapes text typed into the modal (raw, unescaped) for Slack mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').trim();
}

/** A user mention in safe mrkdwn: `<@U1>` or `<@U1|label>` (the label is Slack's, already escaped). */
const MENTION = /<@([UW][A-Z0-9]{1,20})(?:\|([^<>]*))?>/g;

/** Every user id mentioned in safe mrkdwn, in order (repeats included). */
export function mentionsIn(words: string): string[] {
  return [...words.matchAll(MENTION)].map((match) => match[1] ?? '');
}

/** Slack's labels of the mentions in safe mrkdwn (`<@U1|ann>` → U1 → ann), already escaped. */
export function mentionLabels(words: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const [, id, label] of words.matchAll(MENTION)) {
    if (id && label && !labels.has(id)) labels.set(id, label.replace(/^@/, ''));
  }
  return labels;
}

/**
 * The last step before anything is posted: only `keep` (the giver and the recipients) stay
 * mentions; anyone else is shown as `@name` in plain text, which never pings. `names` holds
 * escaped display names (Slack's mention labels, or users.info answers escaped by the caller);
 * someone with no known name is shown as `@someone`.
 */
export function onlyMention(
  words: string,
  keep: readonly string[],
  names: ReadonlyMap<string, string> = new Map(),
): string {
  return words.replace(MENTION, (_match, id: string, label: string | undefined) => {
    if (keep.includes(id)) return `<@${id}>`;
    const name = (label ? label.replace(/^@/, '') : undefined) ?? names.get(id);
    return `@${name && name.trim() !== '' ? name : 'someone'}`;
  });
}

function stripMentions(words: string): string {
  return words.replace(MENTION, '').replace(/[\s,.!:;-]+/g, '');
}

function unique(ids: string[]): string[] {
  return [...new Set(ids.filter((id) => id !== ''))];
}

function refuse(reason: RefusalReason, message: string): Extract<RecognitionParse, { kind: 'refused' }> {
  return { kind: 'refused', reason, message };
}
