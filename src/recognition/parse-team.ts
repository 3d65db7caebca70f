import { teamReplyText, unreadablePersonMessage } from '#messages/care-radar-section.ts';
import { english, type Translator } from '#messages/i18n.ts';

/**
 * Reads `/reflect team …` (escaped text): user mentions `<@U1|ann>` and user groups
 * `<!subteam^S1|@team>`, separated by spaces, commas or "and". Pure.
 */
export type TeamParse =
  | { kind: 'show' }
  | { kind: 'clear' }
  | { kind: 'set'; users: string[]; groups: string[] }
  | { kind: 'invalid'; message: string };

const TOKEN = /^(?:<@([UW][A-Z0-9]{1,20})(?:\|[^>]*)?>|<!subteam\^([A-Z0-9]{1,20})(?:\|[^>]*)?>)/;
const SEPARATOR = /^(?:[\s,]+|and\b|&amp;)/i;

export function parseTeam(text: string, tr: Translator = english()): TeamParse {
  const input = (text ?? '').trim();
  if (input === '') return { kind: 'show' };
  if (/^(?:clear|reset|none)$/i.test(input)) return { kind: 'clear' };
  if (input.length > 20_000) return { kind: 'invalid', message: teamReplyText('tooLong', tr) };
  const users: string[] = [];
  const groups: string[] = [];
  let rest = input;
  while (rest !== '') {
    const separator = SEPARATOR.exec(rest);
    if (separator && separator[0] !== '') {
      rest = rest.slice(separator[0].length);
      continue;
    }
    const token = TOKEN.exec(rest);
    if (!token) {
      const word = /^\S+/.exec(rest)?.[0] ?? rest;
      if (/^<!(?:channel|here|everyone)/.test(rest)) {
        return {
          kind: 'invalid',
          message: teamReplyText('broadcast', tr),
        };
      }
      return {
        kind: 'invalid',
        message: unreadablePersonMessage(word, tr),
      };
    }
    if (token[1]) users.push(token[1]);
    if (token[2]) groups.push(token[2]);
    rest = rest.slice(token[0].length);
  }
  return { kind: 'set', users: [...new Set(users)], groups: [...new Set(groups)] };
}
