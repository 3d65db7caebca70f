/**
 * The Slack double (test/support/slack-double.ts) in a process of its own, driven over IPC by
 * bench/support/harness.ts `startRemoteDouble`. Commands: any public method of the double
 * (`setLatency`, `addUser`, `enforceLimits`, `serverError`, `reset`, …) plus the summaries below,
 * which keep large recordings on this side of the pipe.
 */
import { startSlackDouble } from '#src/sandbox/slack-double.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as Parameters<typeof startSlackDouble>[0];
const double = await startSlackDouble(options);

const summaries: Record<string, (...args: unknown[]) => unknown> = {
  /** Calls per `method status/error`, e.g. `views.open 200 ok: 4000`. */
  callSummary() {
    const counts: Record<string, number> = {};
    for (const call of double.calls) {
      const key = `${call.method} ${call.status} ${call.ok ? 'ok' : call.error}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  },
  addUsers(...ids: unknown[]) {
    for (const id of ids as string[]) double.addUser({ id, tz: 'Europe/Berlin' });
    return ids.length;
  },
  clearCalls() {
    double.reset();
    return true;
  },
};

process.on('message', async (raw) => {
  const { id, command, args } = raw as { id: number; command: string; args: unknown[] };
  try {
    const own = summaries[command];
    const method = (double as unknown as Record<string, unknown>)[command];
    let result: unknown;
    if (own) result = await own(...args);
    else if (typeof method === 'function') result = await method.apply(double, args);
    else throw new Error(`unknown command ${command}`);
    process.send?.({ id, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
  } catch (error) {
    process.send?.({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
process.on('SIGTERM', () => {
  void double.close().finally(() => process.exit(0));
});
process.on('disconnect', () => {
  void double.close().finally(() => process.exit(0));
});
process.send?.({ ready: double.apiUrl });
