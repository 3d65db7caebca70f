/** Replies shared by the reflection command and buttons. */
export const COULD_NOT_OPEN_TEXT =
  'Sorry, the reflection window could not open just now, and nothing was changed. Please try `/reflect` again in a moment.';
