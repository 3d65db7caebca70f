/**
 * Turns safe mrkdwn (what `/recognize` parsed) back into what a person would type, for
 * pre-filling the modal's text input: `<@U1>` → `@U1`, `<#C1>` → `#C1`, `<https://x|label>` →
 * `label (https://x)`, and `&lt;` `&gt;` `&amp;` → `<` `>` `&`. The modal escapes it again on submit.
 */
export function mrkdwnToPlain(words: string): string {
  return words
    .replace(/<([^<>|]+)(?:\|([^<>]*))?>/g, (_match, target: string, label: string | undefined) => {
      if (/^[@#][UWCG][A-Z0-9]+$/.test(target)) return label ? `${target[0]}${label}` : target;
      return label ? `${label} (${target})` : target;
    })
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
