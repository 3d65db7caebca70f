import { createThroughline } from './app.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

/** Process start and stop. Configuration problems are printed one per line, without a stack trace. */
const loaded = loadConfig(process.env);
if (!loaded.ok) {
  for (const problem of loaded.problems) process.stderr.write(`Configuration error: ${problem}\n`);
  process.exit(1);
}

const logger = createLogger(loaded.config.logLevel);
const throughline = createThroughline(loaded.config, { logger });

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
  await throughline.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('unhandledRejection', (reason) => {
  logger.error({ err: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection');
});

try {
  await throughline.start();
} catch (error) {
  logger.fatal({ err: error instanceof Error ? error.message : String(error) }, 'could not start');
  process.exit(1);
}
