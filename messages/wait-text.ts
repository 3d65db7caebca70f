/** "in about 3 minutes" / "in about 2 hours": how long until the person may try again. */
export function describeWait(seconds: number): string {
  if (seconds < 90) return 'in a minute or so';
  if (seconds < 90 * 60) return `in about ${Math.round(seconds / 60)} minutes`;
  return `in about ${Math.round(seconds / 3600)} hours`;
}
