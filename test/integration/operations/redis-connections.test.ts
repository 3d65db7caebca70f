import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../../support/redis.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

/** The address of the connection named `name` (CLIENT LIST). */
async function addressOf(admin: Redis, name: string): Promise<string | undefined> {
  const list = String(await admin.client('LIST'));
  for (const line of list.split('\n')) {
    const fields = Object.fromEntries(line.split(' ').map((field) => field.split('=', 2)));
    if (fields.name === name) return fields.addr;
  }
  return undefined;
}

describe('redis connections by role', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('sends a job’s parallel reads on the background connection in one write, and BullMQ’s queues on a connection of their own', async () => {
    t = await startTestApp();
    const { background, producer } = t.throughline.deps.redis;

    // Issued in the same tick: queued for one write, not written one by one.
    const reads = Array.from({ length: 7 }, (_, i) => background.get(`tl:test:${i}`));
    expect(background.autoPipelineQueueSize).toBe(7);
    expect(await Promise.all(reads)).toEqual(Array(7).fill(null));
    // BullMQ defines its scripts on its connection, which is written to command by command.
    const direct = [producer.get('tl:test:a'), producer.get('tl:test:b')];
    expect(producer.autoPipelineQueueSize).toBe(0);
    await Promise.all(direct);

    // Where the app's queues send their commands (MONITOR names each command's client address).
    const admin = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
    const monitor = await admin.duplicate().monitor();
    try {
      const sources: string[] = [];
      const sawPing = new Promise<void>((resolve) =>
        monitor.on('monitor', (_time: string, args: string[], source: string) => {
          if (args[0]?.toLowerCase() === 'ping') return resolve();
          // Commands run by a script show as 'lua'; the script's call shows its client.
          if (source !== 'lua') sources.push(source);
        }),
      );
      for (const queue of t.throughline.deps.jobs.queues()) await queue.getJobCounts();
      await producer.ping(); // the last command: once MONITOR shows it, it has shown the rest
      await sawPing;
      expect(sources.length).toBeGreaterThan(1);
      expect(new Set(sources)).toEqual(new Set([await addressOf(admin, 'throughline-producer')]));
    } finally {
      monitor.disconnect();
      admin.disconnect();
    }
  });
});
