import { INVITATION_JOB, NUDGE_QUEUE } from '#src/nudges/nudge-jobs.ts';
import { createThroughline } from './app.ts';
import { loadConfig, sandboxSettings } from './config.ts';
import { createLogger } from './logger.ts';
import { ClientSideError } from './sandbox/slack-client-side.ts';
import { SandboxStartError, startSandbox } from './sandbox/start-sandbox.ts';

/**
 * Process start and stop. With Slack credentials: the bot. With none, outside production: the
 * sandbox, the same product against a local Slack workspace in the browser. Configuration
 * problems are printed one per line, without a stack trace.
 */
type Stop = () => Promise<void>;

async function startBot(): Promise<{ stop: Stop; logger: ReturnType<typeof createLogger> }> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    for (const problem of loaded.problems) process.stderr.write(`Configuration error: ${problem}\n`);
    process.exit(1);
  }
  const logger = createLogger(loaded.config.logLevel);
  const throughline = createThroughline(loaded.config, { logger });
  // In Socket Mode the start waits for Slack for as long as it takes; a stop meanwhile is graceful
  // too (and node as PID 1 in a container would otherwise ignore SIGTERM).
  const stopWhileStarting = (signal: string) => {
    logger.info({ signal }, 'stopping before start-up finished');
    void throughline.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', stopWhileStarting);
  process.once('SIGINT', stopWhileStarting);
  try {
    await throughline.start();
  } catch (error) {
    logger.fatal({ err: error instanceof Error ? error.message : String(error) }, 'could not start');
    process.exit(1);
  }
  process.off('SIGTERM', stopWhileStarting);
  process.off('SIGINT', stopWhileStarting);
  return { stop: () => throughline.stop(), logger };
}

async function startLocalSandbox(
  settings: NonNullable<ReturnType<typeof sandboxSettings>>,
): Promise<{ stop: Stop; logger: ReturnType<typeof createLogger> }> {
  const logger = createLogger(settings.logLevel);
  try {
    const sandbox = await startSandbox({
      settings,
      env: process.env,
      createProduct: (config, clock) => {
        const throughline = createThroughline(config, { logger, clock, listenHost: '127.0.0.1' });
        return {
          start: () => throughline.start(),
          stop: () => throughline.stop(),
          queues: () => throughline.deps.jobs.queues(),
        };
      },
      nudges: { queue: NUDGE_QUEUE, isNudge: (job) => job.name !== INVITATION_JOB },
    });
    process.stdout.write(
      `Throughline sandbox: open ${sandbox.url} (a local Slack workspace; data in ${sandbox.storage}). ` +
        'To connect to a real Slack instead, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (README: "Connect to Slack").\n',
    );
    return { stop: () => sandbox.stop(), logger };
  } catch (error) {
    if (error instanceof SandboxStartError || error instanceof ClientSideError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(
        `The sandbox could not start: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
    process.exit(1);
  }
}

const sandbox = sandboxSettings(process.env);
const { stop, logger } = sandbox ? await startLocalSandbox(sandbox) : await startBot();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  const hardStop = setTimeout(() => {
    logger.error('stop took too long; exiting');
    process.exit(1);
  }, 20_000);
  hardStop.unref();
  await stop();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('unhandledRejection', (reason) => {
  logger.error({ err: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection');
});
