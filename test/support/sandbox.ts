import { type InProcessSandbox, startInProcessSandbox } from './in-process-sandbox.ts';
import { flushTestRedis, testRedisUrl } from './redis.ts';

export { eventually } from './in-process-sandbox.ts';

/** The sandbox in-process on this test file's database of the suite's private Redis. */
export async function startTestSandbox(
  options: { keepRedis?: boolean; dataDir?: string } = {},
): Promise<InProcessSandbox> {
  if (!options.keepRedis) await flushTestRedis();
  return startInProcessSandbox({ redisUrl: testRedisUrl(), dataDir: options.dataDir });
}
