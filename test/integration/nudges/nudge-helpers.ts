import { expect } from 'vitest';
import type { NudgeFeature } from '#src/nudges/nudge-feature.ts';
import type { TestApp } from '#test/support/test-app.ts';

/** The app's nudge feature (present in every build). */
export function nudgesOf(t: TestApp): NudgeFeature {
  const nudges = t.throughline.deps.nudges;
  if (!nudges) throw new Error('the app has no nudge feature');
  return nudges;
}

/** Nudge DMs the double accepted for one person. */
export function nudgeDms(t: TestApp, userId = 'U1') {
  return t.slack.callsTo('chat.postMessage').filter((call) => call.ok && call.params.channel === userId);
}

/**
 * Runs the person's armed weekly job now, with the fixed clock moved to its due time (no sleeping
 * for a week): promotes the delayed job and waits until the worker has finished with it.
 */
export async function fireArmedNudge(t: TestApp, userId = 'U1', teamId = 'T1') {
  const record = await nudgesOf(t).store.get(teamId, userId);
  if (!record?.jobId) throw new Error('no nudge is armed');
  return fireJob(t, record.jobId);
}

/** Runs one pending nudge job now, with the fixed clock moved to its due time. */
export async function fireJob(t: TestApp, jobId: string) {
  const nudges = nudgesOf(t);
  const job = await nudges.queue.getJob(jobId);
  if (!job) throw new Error(`armed job ${jobId} is missing`);
  t.clock.set(new Date(job.data.dueAt));
  if ((await job.getState()) === 'delayed') await job.promote();
  await expect
    .poll(async () => ['unknown', 'failed'].includes(await nudges.queue.getJobState(jobId)), {
      timeout: 5000,
    })
    .toBe(true);
  return { weekKey: job.data.weekKey, dueAt: new Date(job.data.dueAt) };
}

/** When the person's next weekly nudge is armed for, as an ISO string. */
export async function armedAt(t: TestApp, userId = 'U1', teamId = 'T1'): Promise<string | undefined> {
  const record = await nudgesOf(t).store.get(teamId, userId);
  return record?.dueAt === undefined ? undefined : new Date(record.dueAt).toISOString();
}
