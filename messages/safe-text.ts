/**
 * Text people type, made safe to keep and to show. Pure functions shared by the modal reader and
 * every builder that shows a person's own words back to them.
 */

/**
 * Normalises free text from a modal: well-formed Unicode, `\n` line ends, no control characters
 * other than newline and tab, no surrounding blank space. Slack mention syntax (`<@U1>`,
 * `<!channel>`) is kept as typed: it is the person's text; it is escaped when shown.
 */
export function cleanInput(text: string): string {
  return (
    text
      // Lone surrogate halves (not valid Unicode) become U+FFFD, as String#toWellFormed does.
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g, '')
      .trim()
  );
}

/**
 * Escapes text for a `mrkdwn` field so it shows literally: `&`, `<` and `>` become entities, so
 * `<!channel>`, `<!here>`, `<@U123>`, `<#C123>` and `<https://x|y>` can never ping, link or
 * notify anyone. Slack's documented escaping for mrkdwn.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts `text` to at most `max` characters (UTF-16 units), ending with `…` when it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  // Do not leave half of a surrogate pair at the end.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Slack's limit for a view's title, submit and close. */
export const VIEW_BUTTON_MAX = 24;

/** A view's title, submit or close, cut to Slack's 24 characters: a long translation is cut, never refused. */
export function viewButton(text: string): string {
  return truncate(text, VIEW_BUTTON_MAX);
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Escapes `text` for mrkdwn and shortens it so the *escaped* result is at most `max` characters
 * (UTF-16 units, what Block Kit limits count), ending with `…` when it was cut. It cuts between
 * whole characters as a person sees them (never inside an emoji, a combining mark's cluster or an
 * entity such as `&amp;`), so 1,000 `&` can never become 5,000 characters in a 3,000 limit.
 */
export function escapeWithin(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    const piece = escapeMrkdwn(segment);
    if (out.length + piece.length + 1 > max) break;
    out += piece;
  }
  return `${out}…`;
}

/**
 * Escaped, shortened and shown as a mrkdwn block quote (each line starts with `>`); the whole
 * result, quote marks and entities included, is at most `max` characters.
 */
export function quoteMrkdwn(text: string, max: number): string {
  const quote = (body: string) =>
    body
      .split('\n')
      .map((line) => `>${line}`)
      .join('\n');
  const whole = quote(escapeMrkdwn(text));
  if (whole.length <= max) return whole;
  // Each line costs one `>`: leave room for them, then shorten until the quote fits.
  const lines = text.split('\n').length;
  let budget = Math.max(1, max - lines);
  let quoted = quote(escapeWithin(text, budget));
  while (quoted.length > max && budget > 1) {
    budget -= quoted.length - max;
    quoted = quote(escapeWithin(text, Math.max(1, budget)));
  }
  return quoted;
}

/**
 * Splits mrkdwn that is already escaped into pieces of at most `max` characters, preferring a
 * line break, then a space, and never cutting an entity (`&amp;`), a `<…>` token or an emoji.
 * For text that must be shown whole (a recognition) across several sections.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    const head = rest.slice(0, cut);
    // Step back out of an entity, a token or a surrogate pair the cut would split.
    const amp = head.lastIndexOf('&');
    if (amp > head.lastIndexOf(';')) cut = amp;
    const open = rest.slice(0, cut).lastIndexOf('<');
    if (open > rest.slice(0, cut).lastIndexOf('>')) cut = open;
    if (/[\ud800-\udbff]$/.test(rest.slice(0, cut))) cut -= 1;
    if (cut <= 0) cut = Math.min(max, rest.length);
    pieces.push(rest.slice(0, cut).replace(/\s+$/, ''));
    rest = rest.slice(cut).replace(/^[ \n]+/, '');
  }
  if (rest !== '' || pieces.length === 0) pieces.push(rest);
  return pieces;
}
