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

/** Escaped, truncated and shown as a mrkdwn block quote (each line starts with `>`). */
export function quoteMrkdwn(text: string, max: number): string {
  // Escape after truncating so an entity is never cut in half.
  return escapeMrkdwn(truncate(text, max))
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}
