/**
 * Who a message posted through the Web API would notify, and which links hide where they go, read
 * the way Slack reads mrkdwn: `<@U1>` pings U1, `<!here>`/`<!channel>`/`<!everyone>` the channel,
 * `<!subteam^S1>` a user group; `<https://x|label>` shows `label` instead of the address. Only
 * mrkdwn is parsed (the top-level `text` and every `mrkdwn` text object); `plain_text` and escaped
 * text (`&lt;@U1&gt;`) never ping. Pure; tests and drills use it to check what a post can reach.
 */
export interface MessageReach {
  users: string[];
  broadcasts: string[];
  groups: string[];
  /** `<target|label>` links whose label is not their own address (with or without the scheme). */
  hiddenLinks: string[];
}

function mrkdwnTexts(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) mrkdwnTexts(item, out);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const object = value as Record<string, unknown>;
  if (object.type === 'mrkdwn' && typeof object.text === 'string') out.push(object.text);
  for (const [key, child] of Object.entries(object)) {
    if (key !== 'text' || typeof child !== 'string') mrkdwnTexts(child, out);
  }
}

/** Slack's own auto-links label an address with itself, without the scheme (`<http://x.io|x.io>`). */
function showsAddress(target: string, label: string): boolean {
  return label === target || label === target.replace(/^(?:https?:\/\/|mailto:)/i, '');
}

/** What `{ text, blocks }` (chat.postMessage parameters, or a stored message) reaches. */
export function messageReach(message: { text?: unknown; blocks?: unknown }): MessageReach {
  const texts: string[] = typeof message.text === 'string' ? [message.text] : [];
  mrkdwnTexts(message.blocks, texts);
  const reach: MessageReach = { users: [], broadcasts: [], groups: [], hiddenLinks: [] };
  for (const text of texts) {
    for (const [, inner = ''] of text.matchAll(/<([^<>]+)>/g)) {
      const [target = '', label] = inner.split('|', 2) as [string, string | undefined];
      const user = /^@([UW][A-Z0-9]+)$/.exec(target);
      if (user?.[1]) reach.users.push(user[1]);
      else if (/^!(?:here|channel|everyone)$/.test(target)) reach.broadcasts.push(target.slice(1));
      else if (target.startsWith('!subteam^')) reach.groups.push(target.slice('!subteam^'.length));
      else if (/^(?:https?:|mailto:)/i.test(target) && label !== undefined && !showsAddress(target, label)) {
        reach.hiddenLinks.push(inner);
      }
    }
  }
  reach.users = [...new Set(reach.users)].sort();
  return reach;
}
