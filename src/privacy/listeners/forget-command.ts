import { forgetConfirmMessage } from '#messages/forget-messages.ts';
import type { ReflectSubcommand } from '#src/slack/reflect-command.ts';

/** `/reflect forget`: asks first; the button (forget-actions.ts) deletes. */
export const reflectForgetSubcommand: ReflectSubcommand = async ({ ack }) => {
  await ack(forgetConfirmMessage());
};
