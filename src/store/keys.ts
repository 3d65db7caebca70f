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
  // Peer recognition (src/recognition/). Shared records, per channel and per workspace:
  /** String (JSON): one recognition. Public ones are workspace data; private ones only giver and recipients read. */
  recognition: (teamId: string, id: string): string => `${ROOT}:${part(teamId)}:recognition:${part(id)}`,
  /** Sorted set: ids of public recognitions posted in a channel, scored by time (ms); the digest reads it. */
  channelRecognitions: (teamId: string, channelId: string): string =>
    `${ROOT}:${part(teamId)}:channel:${part(channelId)}:recognitions`,
  /** String (JSON): a channel's weekly recognition prompt (schedule, zone, digest flag, admin). */
  channelPrompt: (teamId: string, channelId: string): string =>
    `${ROOT}:${part(teamId)}:channel:${part(channelId)}:prompt`,
  /** Sent-marker claimed (SET NX) before a channel's weekly prompt is posted: once per channel and ISO week. */
  channelPromptSent: (teamId: string, channelId: string, weekKey: string): string =>
    `${ROOT}:${part(teamId)}:channel:${part(channelId)}:prompt-sent:${part(weekKey)}`,
  /** Set once the admin was told how to invite the bot, so `not_in_channel` DMs them only once. */
  channelPromptInviteNotice: (teamId: string, channelId: string): string =>
    `${ROOT}:${part(teamId)}:channel:${part(channelId)}:prompt-invite-notice`,
  /** Set of channel ids that have a weekly recognition prompt. */
  promptChannels: (teamId: string): string => `${ROOT}:${part(teamId)}:prompt-channels`,
  // Per person, under the user root:
  /** Sorted set: ids of recognitions the person gave (any visibility), scored by time (ms). */
  recognitionsGiven: (teamId: string, userId: string): string =>
    `${keys.userRoot(teamId, userId)}:recognitions-given`,
  /** Sorted set: ids of recognitions the person received (any visibility); the care radar reads its top. */
  recognitionsReceived: (teamId: string, userId: string): string =>
    `${keys.userRoot(teamId, userId)}:recognitions-received`,
  /** Set: the people a manager named for their care radar (`/reflect team`). */
  careRadarTeam: (teamId: string, userId: string): string =>
    `${keys.userRoot(teamId, userId)}:care-radar-team`,
  /** Set: managers whose care radar names this person (reverse index, so forget can remove them). */
  careRadarDeclaredBy: (teamId: string, userId: string): string =>
    `${keys.userRoot(teamId, userId)}:care-radar-declared-by`,
};

export { part as keyPart };
