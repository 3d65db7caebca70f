import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import { type Logger, pino } from 'pino';
import { prettyFactory } from 'pino-pretty';

/**
 * Structured logs. Secrets are redacted by path as a second line of defence; the first is never
 * logging tokens, request bodies or reflection text at all. Written as JSON lines, or as readable
 * lines when they go to a terminal (`destination`, default stdout, is a TTY); pino redacts before
 * either is written.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const target = destination ?? process.stdout;
  return pino(
    {
      level,
      base: { app: 'throughline' },
      redact: {
        paths: [
          'token',
          '*.token',
          'botToken',
          '*.botToken',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'text',
          '*.text',
          'answers',
          '*.answers',
          'intention',
          '*.intention',
        ],
        censor: '[redacted]',
      },
    },
    isTerminal(target) ? readableLines(target) : (destination as pino.DestinationStream | undefined),
  );
}

/** Whether logs go to a person's terminal rather than to a file, a pipe or a log collector. */
function isTerminal(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/**
 * pino-pretty's formatter, called in line (not its transport stream), so a line logged just before
 * `process.exit` still reaches the terminal.
 */
function readableLines(target: NodeJS.WritableStream): pino.DestinationStream {
  const format = prettyFactory({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app' });
  return {
    write: (line: string) => {
      target.write(format(line));
    },
  };
}

const boltToPino: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

/**
 * At debug level Slack's libraries log whole payloads: Web API request and response bodies, Socket
 * Mode frames, and Bolt's developer-mode event dumps. Those carry what people wrote (reflections,
 * history, exports), so such lines keep their first words only.
 */
const PAYLOAD_LINE =
  /^(http request body:|http request result:|Received a message on the WebSocket:|Sending a WebSocket message:|Unable to parse an incoming WebSocket message)|^\s*[{[]/;

export function withoutPayload(message: string): string {
  const match = PAYLOAD_LINE.exec(message);
  return match ? `${match[1] ?? 'payload'} [omitted: may contain personal text]` : message;
}

/** Bolt and the Web API client speak @slack/logger; route them into the same pino stream. */
export function slackLoggerFor(logger: Logger, name = 'slack'): SlackLogger {
  let child = logger.child({ component: name });
  let level = LogLevel.INFO;
  const write = (method: 'debug' | 'info' | 'warn' | 'error', parts: unknown[]) => {
    const message = parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ');
    child[method](withoutPayload(message));
  };
  return {
    debug: (...parts) => write('debug', parts),
    info: (...parts) => write('info', parts),
    warn: (...parts) => write('warn', parts),
    error: (...parts) => write('error', parts),
    setLevel: (next) => {
      level = next;
      child.level = boltToPino[next] ?? 'info';
    },
    getLevel: () => level,
    setName: (next) => {
      child = logger.child({ component: next });
    },
  };
}
