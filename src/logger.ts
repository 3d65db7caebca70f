import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import { type Logger, pino } from 'pino';
import { prettyFactory } from 'pino-pretty';

/** Slack tokens (`xoxb-…`, `xoxp-…`, `xapp-…`…) wherever they appear in a message. */
const SLACK_TOKEN = /\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+/g;

/** Masks anything shaped like a Slack token. */
export function withoutTokens(message: string): string {
  return message.replace(SLACK_TOKEN, '[token]');
}

/**
 * Structured logs. Secrets and what people wrote are redacted by path, and token-shaped strings in
 * messages are masked, as a second line of defence; the first is never logging tokens, request
 * bodies or reflection and recognition text at all. Written as JSON lines, or as readable lines
 * when they go to a terminal (`destination`, default stdout, is a TTY); pino redacts before either
 * is written.
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
          'appToken',
          '*.appToken',
          'clientSecret',
          '*.clientSecret',
          'signingSecret',
          '*.signingSecret',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'text',
          '*.text',
          'answers',
          '*.answers',
          'answer',
          '*.answer',
          'intention',
          '*.intention',
          'words',
          '*.words',
          'blocks',
          '*.blocks',
          'view',
          '*.view',
          'payload',
          '*.payload',
          'body',
          '*.body',
        ],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? withoutTokens(arg) : arg)) as Parameters<
              typeof method
            >,
          );
        },
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
 * Mode frames, Bolt's "ack() call begins (body: …)" lines (in Socket Mode the body is the JSON
 * answer: a `/reflect history` reply, a modal), the Socket Mode client's "Calling ack() … data:"
 * and Bolt's developer-mode event dumps. Those carry what people wrote, so a line is cut where a
 * payload starts and keeps its first words only. Query strings (OAuth codes and states) go too.
 */
const PAYLOAD_START =
  /http request (?:body|result|headers):|Received a message on the WebSocket:|Sending a WebSocket message:|Unable to parse an incoming WebSocket message|\(body: |\bdata: |storedResponse: |\(response: |AWS event:|appended to buffer:|[{[]/;
const QUERY_STRING = /\?[^\s)]+/g;
export const OMITTED = '[omitted: may contain personal text]';

export function withoutPayload(message: string): string {
  const match = PAYLOAD_START.exec(message);
  const kept = match
    ? `${message.slice(0, match.index + (match[0].length > 1 ? match[0].length : 0)).trimEnd()} ${OMITTED}`
    : message;
  return withoutTokens(kept.replace(QUERY_STRING, '?[omitted]'));
}

/** The @slack/logger level for a pino level (LOG_LEVEL), so Slack's libraries log at the same depth. */
export const pinoToBolt = (level: string): LogLevel =>
  level === 'trace' || level === 'debug'
    ? LogLevel.DEBUG
    : level === 'info'
      ? LogLevel.INFO
      : level === 'warn'
        ? LogLevel.WARN
        : LogLevel.ERROR;

/**
 * Bolt, the Socket Mode client and the Web API client speak @slack/logger; route them into the
 * same pino stream, every line through `withoutPayload`. `getLevel` answers the level really in
 * force, so the libraries' "only at debug" lines are cut here too rather than skipped by luck.
 */
export function slackLoggerFor(logger: Logger, name = 'slack'): SlackLogger {
  let child = logger.child({ component: name });
  const write = (method: 'debug' | 'info' | 'warn' | 'error', parts: unknown[]) => {
    // The Web API client logs every request and result body at debug: below the level in force
    // nothing is written, so nothing is formatted or scanned either.
    if (!child.isLevelEnabled(method)) return;
    const message = parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ');
    child[method](withoutPayload(message));
  };
  return {
    debug: (...parts) => write('debug', parts),
    info: (...parts) => write('info', parts),
    warn: (...parts) => write('warn', parts),
    error: (...parts) => write('error', parts),
    setLevel: (next) => {
      // Never below the app's own level: LOG_LEVEL=silent stays silent whatever Bolt asks.
      const wanted = boltToPino[next] ?? 'info';
      child.level = logger.levelVal > (logger.levels.values[wanted] ?? 0) ? logger.level : wanted;
    },
    getLevel: () => pinoToBolt(child.level),
    setName: (next) => {
      const level = child.level;
      child = logger.child({ component: next });
      child.level = level;
    },
  };
}
