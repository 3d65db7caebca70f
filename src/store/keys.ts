/**
 * Every Redis key the app uses is built here, so the layout is visible in one place and every
 * key carries the team id (multi-workspace installs need no data migration).
 * BullMQ keeps its own keys under its `prefix` (see jobs/queues.ts).
 */
const ROOT = 'tl';

function part(value: string): string {
  // Slack ids are [A-Z0-9]; anything else is refused so a crafted id cannot reach another key.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value))
    throw new Error(`unsafe key part: ${JSON.stringify(value.slice(0, 80))}`);
  return value;
}

export const keys = {
  /** Envelope event ids already handled (Slack retries deliveries). */
  eventSeen: (teamId: string, eventId: string) => `${ROOT}:${part(teamId)}:event:${part(eventId)}`,
  /** Every key of one person starts with this, so export and forget can find them all. */
  userRoot: (teamId: string, userId: string) => `${ROOT}:${part(teamId)}:user:${part(userId)}`,
  /** Every key of one workspace starts with this. */
  teamRoot: (teamId: string) => `${ROOT}:${part(teamId)}`,
};

export { part as keyPart };
