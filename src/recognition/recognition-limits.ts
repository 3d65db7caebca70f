/** Longest recognition text, in characters (the modal input has the same `max_length`). */
export const MAX_RECOGNITION_CHARS = 1000;
/** Most people one recognition may name. */
export const MAX_RECIPIENTS = 10;
