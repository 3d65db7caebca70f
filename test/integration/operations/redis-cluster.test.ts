import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/bolt';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORGET_CONFIRM_ACTION } from '#messages/forget-messages.ts';
import { checkRedisForProduction } from '#src/redis-production-check.ts';
import { createFieldCipher } from '#src/store/field-encryption.ts';
import { keys } from '#src/store/keys.ts';
import { redisInstallationStore } from '#src/workspaces/installation-store.ts';
import { type PrivateCluster, startPrivateCluster } from '#test/support/redis-cluster.ts';
import { blockActionPayload } from '#test/support/slack-payloads.ts';
import { startTestApp, type TestApp } from '#test/support/test-app.ts';
import { fireArmedNudge, nudgeDms } from '../nudges/nudge-helpers.ts';
import { answerValues, openReflect, submitReflect } from '../reflect/reflect-driver.ts';

/** Every key on every node, with the port of the node that holds it. */
async function everyKey(nodes: Redis[]): Promise<{ key: string; node: number }[]> {
  const found: { key: string; node: number }[] = [];
  for (const [node, redis] of nodes.entries()) {
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
      cursor = next;
      for (const key of batch) found.push({ key, node });
    } while (cursor !== '0');
  }
  return found;
}

/**
 * The whole app on a real three-node Redis Cluster (REDIS_CLUSTER_NODES): commands, modals, the
 * BullMQ nudge worker, recognition and forget, with every workspace key in one hash slot and every
 * queue key in another.
 */
describe('Redis Cluster topology', () => {
  let cluster: PrivateCluster;
  let nodes: Redis[];
  let t: TestApp;

  beforeAll(async () => {
    cluster = await startPrivateCluster(3);
    nodes = cluster.connectToNodes();
    t = await startTestApp({
      keepRedis: true,
      now: new Date('2026-11-25T10:00:00Z'),
      env: {
        // Only credentials and TLS would come from the URL with a cluster; its host is not used.
        REDIS_URL: 'redis://127.0.0.1:1',
        REDIS_CLUSTER_NODES: cluster.nodesList,
      },
    });
    t.slack.addUser({ id: 'U1', tz: 'Europe/Berlin' });
    t.slack.addUser({ id: 'U2', tz: 'America/New_York' });
    t.slack.addChannel({ id: 'C1' });
  }, 60_000);

  afterAll(async () => {
    await t?.stop();
    for (const node of nodes ?? []) node.disconnect();
    await cluster?.stop();
  });

  it('serves health, reflections, nudges and recognitions from the cluster', async () => {
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);

    for (const userId of ['U1', 'U2']) {
      const opened = await openReflect(t, { userId });
      const { body } = await submitReflect(t, {
        ...opened,
        userId,
        values: answerValues([`${userId} answer`, 'heart', 'mind']),
      });
      expect(body).toBeUndefined();
      expect(await t.throughline.deps.reflect.reflections.reflectedWeeks('T1', userId)).toHaveLength(1);
    }

    // Next week's nudge: the schedule, the delayed BullMQ job and the DM all go through the cluster.
    t.clock.set(new Date('2026-11-30T09:00:00Z'));
    const scheduled = await t.command({ userId: 'U1', text: 'schedule fri 16:00' });
    expect(scheduled.status).toBe(200);
    await expect
      .poll(() => t.throughline.deps.nudges?.store.get('T1', 'U1'))
      .toMatchObject({ enrolled: true });
    const before = nudgeDms(t).length; // the reflection's confirmation DM is one of them
    await fireArmedNudge(t);
    expect(nudgeDms(t)).toHaveLength(before + 1);
    expect(JSON.stringify(nudgeDms(t).at(-1)?.params.blocks)).toContain('Reflect now');

    const recognized = await t.command({
      command: '/recognize',
      userId: 'U1',
      channelId: 'C1',
      text: '<@U2|bob> steadied the release #heart',
    });
    expect(recognized.status).toBe(200);
    await t.slack.waitFor((call) => call.method === 'chat.postMessage' && call.params.channel === 'C1');
  });

  it('keeps each workspace in one hash slot and the queues in another', async () => {
    const all = await everyKey(nodes);
    const teamKeys = all.filter(({ key }) => key.startsWith('tl:{T1}:'));
    const queueKeys = all.filter(({ key }) => key.startsWith('{tlq}:'));
    expect(teamKeys.length).toBeGreaterThan(5);
    expect(queueKeys.length).toBeGreaterThan(3);
    // Nothing outside the layout: workspace keys, queue keys, the one index without a team, and the
    // short-lived signature markers of the replay check (one key each, so any slot will do).
    const seenPrefix = keys.signatureSeen('x').slice(0, -1);
    const others = all.filter(({ key }) => !teamKeys.some((k) => k.key === key) && !key.startsWith('{tlq}:'));
    expect(others.map(({ key }) => key).filter((key) => !key.startsWith(seenPrefix))).toEqual([
      keys.nudgeTeams(),
    ]);
    expect(others.some(({ key }) => key.startsWith(seenPrefix))).toBe(true);
    expect(new Set(teamKeys.map(({ node }) => node)).size).toBe(1);
    expect(new Set(queueKeys.map(({ node }) => node)).size).toBe(1);
    // The slots really are spread: every node owns some.
    const [first] = nodes;
    const slots = (await first?.cluster('SLOTS')) ?? [];
    expect(new Set(slots.map(([, , owner]) => owner?.[1]))).toEqual(new Set(cluster.ports));
  });

  it('forget deletes the person’s keys on whichever node holds them, and keeps others’ data', async () => {
    const responseUrl = t.slack.responseUrl('forget-cluster');
    const answer = await t.interact(
      blockActionPayload({ actionId: FORGET_CONFIRM_ACTION, responseUrl, userId: 'U1' }),
    );
    expect(answer.status).toBe(200);
    const [done] = await t.slack.waitForResponse((r) => r.id === 'forget-cluster');
    expect(String(done?.body.text)).toContain('everything Throughline kept about you is deleted');
    const left = await everyKey(nodes);
    const root = keys.userRoot('T1', 'U1');
    expect(left.filter(({ key }) => key === root || key.startsWith(`${root}:`))).toEqual([]);
    expect(await t.throughline.deps.reflect.reflections.reflectedWeeks('T1', 'U2')).toHaveLength(1);
  });

  it('checks every primary for production settings, warning once per problem', async () => {
    const warnings = await checkRedisForProduction(t.throughline.deps.redis.background);
    // The test nodes keep nothing on disk: one persistence warning, not one per node.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('persistence is off');
  });

  it('stores, finds and deletes OAuth installations (index and record live in different slots)', async () => {
    const store = redisInstallationStore(
      t.throughline.deps.redis.background,
      createFieldCipher({ key: randomBytes(32) }),
    );
    const installation = {
      team: { id: 'T9', name: 'Nine' },
      enterprise: undefined,
      isEnterpriseInstall: false,
      bot: { token: 'xoxb-nine-secret', userId: 'UBOT9', id: 'BBOT9', scopes: ['chat:write'] },
      user: { id: 'UADMIN', token: undefined, scopes: undefined },
    } as unknown as Installation;
    await store.storeInstallation(installation);
    expect(await store.listInstalled()).toEqual(['T9']);
    const found = await store.fetchInstallation({
      teamId: 'T9',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(found.bot?.token).toBe('xoxb-nine-secret');
    const stored = await everyKey(nodes);
    expect(stored.map(({ key }) => key)).toContain(keys.installation('T9'));
    await store.deleteInstallation({ teamId: 'T9', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(await store.listInstalled()).toEqual([]);
    expect((await everyKey(nodes)).map(({ key }) => key)).not.toContain(keys.installation('T9'));
  });
});
