import { forgetConfirmMessage } from '#messages/forget-messages.ts';
import { translatorOf } from '#src/i18n/person-language.ts';
import type { ReflectSubcommand } from '#src/slack/reflect-command.ts';

/** `/reflect forget`: asks first; the button (forget-actions.ts) deletes. */
export const reflectForgetSubcommand: ReflectSubcommand = async ({ ack, context }) => {
  await ack(forgetConfirmMessage(translatorOf(context)));
};
