/**
 * What a person reads when the day and time they typed (`/reflect schedule`, `/recognize
 * schedule`) or the weeks of `/reflect pause` cannot be read.
 */

const EXAMPLE = 'Try `/reflect schedule fri 16:00` or `/reflect schedule friday 4pm`.';

export const SCHEDULE_ERRORS = {
  empty: `Tell me a day and a time. ${EXAMPLE}`,
  unreadable: `I couldn't read that time. ${EXAMPLE}`,
  noDay: `Which day of the week? ${EXAMPLE}`,
  noTime: `What time on that day? ${EXAMPLE}`,
  unknownDay: `I don't know that day. Use a weekday name like \`fri\` or \`friday\`. ${EXAMPLE}`,
  minutes: `Minutes go from 00 to 59. ${EXAMPLE}`,
  amOrPm: `Is that am or pm? ${EXAMPLE}`,
  hours: `Hours go from 00 to 23 (or 1 to 12 with am/pm). ${EXAMPLE}`,
  twelveHour: `With am/pm, hours go from 1 to 12. ${EXAMPLE}`,
} as const;

export function pauseWeeksError(min: number, max: number): string {
  return `Pause for how many weeks? Use a whole number from ${min} to ${max}, e.g. \`/reflect pause 2\`.`;
}
