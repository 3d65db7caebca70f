import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Logger } from 'pino';
import { commandFailedText } from '#messages/command-apology.ts';
import { reflectHelpMessage } from '#messages/help-message.ts';
import { receivedAtOf, translatorOf } from '#src/i18n/person-language.ts';
import type { Metrics } from '#src/metrics.ts';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** One `/reflect <word>` handler. `args` is the text after the subcommand word, trimmed. */
export type ReflectSubcommand = (input: CommandArgs & { args: string }) => Promise<void>;

export const helpSubcommand: ReflectSubcommand = async ({ ack, context }) => {
  await ack(reflectHelpMessage(undefined, translatorOf(context)));
};

/** Splits `/reflect <word> <rest>`; the word is matched case-insensitively. */
export function splitSubcommand(text: string | undefined): { word: string; args: string } {
  const trimmed = (text ?? '').trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { word: '', args: '' };
  return { word: (match[1] ?? '').toLowerCase(), args: (match[2] ?? '').trim() };
}

/**
 * Routes `/reflect` by its first word. Unknown words get help, never an error. A handler that
 * throws after acking still leaves the person with a message instead of silence.
 */
export function registerReflectCommand(
  app: App,
  subcommands: Record<string, ReflectSubcommand>,
  deps: { logger: Logger; metrics: Metrics },
): void {
  app.command('/reflect', async (args) => {
    const { word, args: rest } = splitSubcommand(args.command.text);
    const handler = Object.hasOwn(subcommands, word) ? subcommands[word] : undefined;
    deps.metrics.commands.inc({ command: 'reflect', subcommand: handler ? word || 'open' : 'unknown' });
    if (!handler) {
      await args.ack(reflectHelpMessage(word, translatorOf(args.context)));
      return;
    }
    await runSafely(args, () => handler({ ...args, args: rest }), deps.logger);
  });
}

/**
 * Slack shows the person "operation_timeout" unless a command is acknowledged within 3 s of being
 * sent, network included; past this budget the command is acknowledged empty and its answer goes
 * through `response_url` instead (it appears the same, an ephemeral message, a moment later).
 */
export const ACK_BUDGET_MS = 2000;

/**
 * Runs a command handler. Handlers answer with `ack(reply)`; a slow one (Redis or Slack under load)
 * is acknowledged at the budget and its later `ack(reply)` becomes `respond(reply)`. On failure it
 * acks (if still possible) or responds with an apology.
 */
export async function runSafely(
  args: CommandArgs,
  work: () => Promise<void>,
  logger: Logger,
  ackBudgetMs = ACK_BUDGET_MS,
): Promise<void> {
  let acked = false;
  let ackedAtBudget = false;
  const originalAck = args.ack;
  args.ack = async (response) => {
    if (ackedAtBudget) {
      if (response !== undefined) await args.respond(response);
      return;
    }
    acked = true;
    await originalAck(response);
  };
  const budget = setTimeout(
    () => {
      if (acked) return;
      acked = true;
      ackedAtBudget = true;
      logger.warn(
        { command: args.command.command },
        'command slower than the ack budget; answering via response_url',
      );
      originalAck().catch((error: unknown) => {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'late ack failed');
      });
    },
    Math.max(0, ackBudgetMs - (Date.now() - (receivedAtOf(args.context) ?? Date.now()))),
  );
  try {
    await work();
  } catch (error) {
    logger.error(
      { err: error instanceof Error ? error.message : String(error), command: args.command.command },
      'command failed',
    );
    const apology = {
      response_type: 'ephemeral' as const,
      text: commandFailedText(translatorOf(args.context)),
    };
    try {
      if (!acked) await originalAck(apology);
      else await args.respond(apology);
    } catch {
      // The person may already have had a reply; nothing more we can do.
    }
  } finally {
    clearTimeout(budget);
  }
}
