import { forgetConfirmMessage } from '#messages/forget-messages.ts';
import type { ReflectSubcommand } from '../../slack/reflect-command.ts';

/** `/reflect forget`: asks first; the button (src/listeners/actions/reflect-forget.ts) deletes. */
export const reflectForgetSubcommand: ReflectSubcommand = async ({ ack }) => {
  await ack(forgetConfirmMessage());
};
