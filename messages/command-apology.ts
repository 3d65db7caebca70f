/** What a person reads when a slash command failed on our side (any command, any feature). */
export const COMMAND_FAILED_TEXT =
  'Sorry, something went wrong on our side and nothing was changed. Please try again in a minute.';
