/**
 * What the pacing benches measure about the processes they run: CPU seconds of a child process
 * (from /proc) and of redis-server (INFO cpu), and the commands Redis executed (INFO stats; a
 * command run inside a Lua script counts too, so a script is charged for what it does).
 */
import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';

/** CPU milliseconds (user + system, all threads) this process has used so far. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat (Linux). */
export async function processCpuSeconds(pid: number | undefined): Promise<number> {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

export interface RedisCounters {
  cpuS: number;
  commands: number;
  usedMemory: number;
}

function field(info: string, name: string): number {
  const match = new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info);
  return Number(match?.[1] ?? Number.NaN);
}

/** Redis's own CPU, commands processed and memory so far (the INFO call itself is one command). */
export async function redisCounters(url: string): Promise<RedisCounters> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    const info = await redis.info();
    return {
      cpuS: field(info, 'used_cpu_user') + field(info, 'used_cpu_sys'),
      commands: field(info, 'total_commands_processed'),
      usedMemory: field(info, 'used_memory'),
    };
  } finally {
    redis.disconnect();
  }
}

/** What a process and Redis used between two snapshots. */
export interface Usage {
  wallS: number;
  workerCpuS: number;
  redisCpuS: number;
  redisCommands: number;
}

/** `pid`: one process, or several whose CPU is added up (e.g. two worker processes). */
export async function snapshot(pid: number | undefined | (number | undefined)[], redisUrl: string) {
  const pids = Array.isArray(pid) ? pid : [pid];
  const [cpus, redis] = await Promise.all([
    Promise.all(pids.map((one) => processCpuSeconds(one))),
    redisCounters(redisUrl),
  ]);
  return { at: Date.now(), cpu: cpus.reduce((sum, one) => sum + one, 0), redis };
}

export function usageBetween(
  from: Awaited<ReturnType<typeof snapshot>>,
  to: Awaited<ReturnType<typeof snapshot>>,
): Usage {
  return {
    wallS: (to.at - from.at) / 1000,
    workerCpuS: to.cpu - from.cpu,
    redisCpuS: to.redis.cpuS - from.redis.cpuS,
    // The INFO and connection commands of the snapshot itself are not the app's.
    redisCommands: to.redis.commands - from.redis.commands - 2,
  };
}
