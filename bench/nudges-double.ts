/**
 * The Slack double in a process of its own for bench/nudges.ts, so its CPU is not counted as the
 * nudge path's. Prints `READY <apiUrl>` once listening; over IPC it answers
 * `{ op: 'addUsers', ids }`, `{ op: 'posted' }` (accepted chat.postMessage count), `{ op: 'cpu' }`
 * (its CPU seconds so far) and `{ op: 'reset' }`.
 */
import { startSlackDouble } from '#src/sandbox/slack-double.ts';

const double = await startSlackDouble({
  teams: [{ teamId: 'T1', botToken: 'xoxb-bench-nudges', botUserId: 'UBOT1', botId: 'BBOT1' }],
});

let posted = 0;
let seen = 0;
/** Counts accepted posts incrementally (the recordings grow to tens of thousands). */
function countPosts(): number {
  const calls = double.calls;
  for (; seen < calls.length; seen++) {
    const call = calls[seen];
    if (call?.method === 'chat.postMessage' && call.ok) posted++;
  }
  return posted;
}

type Message =
  | { id: number; op: 'addUsers'; ids: [string, string][] }
  | { id: number; op: 'posted' | 'reset' | 'cpu' };

process.on('message', (raw) => {
  const message = raw as Message;
  let result: unknown = null;
  if (message.op === 'addUsers') {
    for (const [id, tz] of message.ids) double.addUser({ id, tz, locale: 'en-US' });
    result = message.ids.length;
  } else if (message.op === 'posted') {
    result = countPosts();
  } else if (message.op === 'cpu') {
    const used = process.cpuUsage();
    result = (used.user + used.system) / 1e6;
  } else if (message.op === 'reset') {
    double.reset();
    posted = 0;
    seen = 0;
  }
  process.send?.({ id: message.id, result });
});

process.on('SIGTERM', () => {
  void double.close().finally(() => process.exit(0));
});

console.log(`READY ${double.apiUrl}`);
