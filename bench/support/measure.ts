/**
 * What the pacing benches measure about the processes they run: CPU seconds of a child process
 * (from /proc) and of redis-server (INFO cpu), and the commands Redis executed (INFO stats; a
 * command run inside a Lua script counts too, so a script is charged for what it does).
 */
import { readdir, readFile } from 'node:fs/promises';
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

/**
 * How often a process went to the kernel and gave up its CPU so far (Linux /proc, all threads):
 * read and write system calls (`syscr` + `syscw` of /proc/<pid>/io: sockets, pipes and files, not
 * epoll) and context switches (voluntary: it waited; involuntary: it was preempted). A batch shares
 * each wake and each read among many messages; a trickle pays them per message.
 */
export interface KernelCounts {
  ioCalls: number;
  switches: number;
}

export async function kernelCounts(pid: number | undefined): Promise<KernelCounts> {
  if (pid === undefined) return { ioCalls: Number.NaN, switches: Number.NaN };
  try {
    const io = await readFile(`/proc/${pid}/io`, 'utf8');
    const threads = await readdir(`/proc/${pid}/task`);
    const statuses = await Promise.all(
      threads.map((tid) => readFile(`/proc/${pid}/task/${tid}/status`, 'utf8').catch(() => '')),
    );
    const switches = statuses.reduce(
      (sum, status) =>
        sum + field(status, 'voluntary_ctxt_switches') + field(status, 'nonvoluntary_ctxt_switches'),
      0,
    );
    return { ioCalls: field(io, 'syscr') + field(io, 'syscw'), switches };
  } catch {
    return { ioCalls: Number.NaN, switches: Number.NaN };
  }
}

export interface RedisCounters {
  cpuS: number;
  commands: number;
  usedMemory: number;
  pid: number;
}

/** A `name: value` line's number (INFO has no space after the colon, /proc a space or a tab). */
function field(info: string, name: string): number {
  const match = new RegExp(`^${name}:\\s*([0-9.]+)`, 'm').exec(info);
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
      pid: field(info, 'process_id'),
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
  /** Read and write system calls and context switches (KernelCounts) of the worker(s) and of Redis. */
  workerKernel: KernelCounts;
  redisKernel: KernelCounts;
}

/** `pid`: one process, or several whose CPU is added up (e.g. two worker processes). */
export async function snapshot(pid: number | undefined | (number | undefined)[], redisUrl: string) {
  const pids = Array.isArray(pid) ? pid : [pid];
  const [cpus, counts, redis] = await Promise.all([
    Promise.all(pids.map((one) => processCpuSeconds(one))),
    Promise.all(pids.map((one) => kernelCounts(one))),
    redisCounters(redisUrl),
  ]);
  return {
    at: Date.now(),
    cpu: cpus.reduce((sum, one) => sum + one, 0),
    kernel: {
      ioCalls: counts.reduce((sum, one) => sum + one.ioCalls, 0),
      switches: counts.reduce((sum, one) => sum + one.switches, 0),
    },
    redis,
    redisKernel: await kernelCounts(redis.pid),
  };
}

const countsBetween = (from: KernelCounts, to: KernelCounts): KernelCounts => ({
  ioCalls: to.ioCalls - from.ioCalls,
  switches: to.switches - from.switches,
});

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
    workerKernel: countsBetween(from.kernel, to.kernel),
    redisKernel: countsBetween(from.redisKernel, to.redisKernel),
  };
}
