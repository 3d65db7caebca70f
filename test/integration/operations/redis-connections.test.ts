import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../support/test-app.ts';

describe('redis connections by role', () => {
  const t = useTestApp();

  it('sends a job’s parallel reads on the background connection in one write, and BullMQ’s queues on a connection of their own', async () => {
    const { background, producer } = t.throughline.deps.redis;

    // Issued in the same tick: queued for one write, not written one by one.
    const reads = Array.from({ length: 7 }, (_, i) => background.get(`tl:test:${i}`));
    expect(background.autoPipelineQueueSize).toBe(7);
    expect(await Promise.all(reads)).toEqual(Array(7).fill(null));
    // BullMQ defines its scripts on its connection, which is written to command by command.
    const direct = [producer.get('tl:test:a'), producer.get('tl:test:b')];
    expect(producer.autoPipelineQueueSize).toBe(0);
    await Promise.all(direct);

    // Every queue of the app sends its commands on that connection, none on the pipelined one.
    const queues = t.throughline.deps.jobs.queues();
    expect(queues.length).toBeGreaterThan(1);
    for (const queue of queues) {
      const { options } = await queue.backend.client;
      expect(options.connectionName).toBe('throughline-producer');
      expect(options.enableAutoPipelining).toBeFalsy();
    }
  });
});
