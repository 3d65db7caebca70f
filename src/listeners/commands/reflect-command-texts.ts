/** Replies shared by the reflection command and buttons. */
export const COULD_NOT_OPEN_TEXT =
  'Sorry, the reflection window could not open (Slack allows only a few seconds). Please try again.';
