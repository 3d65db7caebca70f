/**
 * Every Redis key the app uses is built here, so the layout is visible in one place and every
 * key carries the team id (multi-workspace installs need no data migration).
 * BullMQ keeps its own keys under its `prefix` (see jobs/job-runtime.ts).
 *
 * The team id is a Redis Cluster hash tag (`tl:{T123}:…`): all of one workspace's keys live in one
 * slot, so the MULTI blocks and Lua scripts that touch several of them work on a cluster too. Only
 * the few keys without a team (the workspace indexes, OAuth state) live elsewhere, and no command
 * ever combines them with a team's keys.
 */
const ROOT = 'tl';
/**
 * BullMQ's `prefix` for every queue, separate from the data keys; the braces are a Redis Cluster
 * hash tag, so every queue key is in one slot as BullMQ's scripts need.
 */
export const QUEUE_PREFIX = '{tlq}';

/** `tl:{T123}`: the start of every key of one workspace (or Enterprise Grid org). */
function teamRoot(teamId: string): string {
  return `${ROOT}:{${part(teamId)}}`;
}

function part(value: string): string {
  // Slack ids are [A-Z0-9]; anything else is refused so a crafted id cannot reach another key.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value))
    throw new Error(`unsafe key part: ${JSON.stringify(value.slice(0, 80))}`);
  return value;
}

export const keys = {
  /** Envelope event ids already handled (Slack retries deliveries). */
  eventSeen: (teamId: string, eventId: string) => `${teamRoot(teamId)}:event:${part(eventId)}`,
  /** Every key of one person starts with this, so export and forget can find them all. */
  userRoot: (teamId: string, userId: string) => `${teamRoot(teamId)}:user:${part(userId)}`,
  /** A workspace's (or Enterprise Grid org's) installation, tokens sealed. */
  installation: (teamOrEnterpriseId: string) => `${teamRoot(teamOrEnterpriseId)}:installation`,
  /** String: the Enterprise Grid org a workspace served by an org-wide install belongs to. */
  workspaceEnterprise: (teamId: string) => `${teamRoot(teamId)}:enterprise`,
  /** Set: the workspaces of an org-wide install seen so far (an org uninstall cleans each). */
  enterpriseWorkspaces: (enterpriseId: string) => `${teamRoot(enterpriseId)}:workspaces`,
  /** Ids of every installed workspace or org: the one index that spans workspaces. */
  installedTeams: () => `${ROOT}:installations`,
  /** When encryption at rest was turned on (epoch ms): plain values written later are refused. */
  encryptionSince: () => `${ROOT}:field-encryption-since`,
  /** A verified request signature (hex), kept while Slack's five-minute window could accept it again. */
  signatureSeen: (digest: string) => `${ROOT}:signature-seen:${part(digest)}`,
  /** Single-use marker of a signed OAuth state, written at the callback; no team is known yet. */
  oauthState: (state: string) => `${ROOT}:oauth-state:${part(state)}`,
  /** How many times a person took a limited action in one window (abuse limits). */
  actionCount: (teamId: string, userId: string, action: string, window: number) =>
    `${keys.userRoot(teamId, userId)}:limit:${part(action)}:${window}`,
  /** Every key of one workspace starts with this. */
  teamRoot,
  /**
   * Set: ids of the messages and files in Slack that quote a person's words (src/privacy/slack-trail.ts).
   * Beside the person's root, not under it, so what Slack could not delete yet survives forget's sweep.
   */
  slackTrail: (teamId: string, userId: string): string => `${teamRoot(teamId)}:slack-trail:${part(userId)}`,
  /** Hash: a person's cached Slack profile facts (tz, locale, when checked) and their language choice. */
  userProfile: (teamId: string, userId: string): string => `${keys.userRoot(teamId, userId)}:profile`,
  /**
   * Hash: person id → `<language or Slack locale>|<epoch ms seen>` for the people Throughline knows, so a
   * channel's posts can default to the workspace's most common language. Beside the people's roots (one
   * read for the whole workspace); forget removes the person's field, and the hash expires unless used.
   */
  workspaceLocales: (teamId: string): string => `${teamRoot(teamId)}:locales`,
  /**
   * String: the workspace's most common language, worked out from `workspaceLocales` and kept for a
   * few minutes (COMMON_LANGUAGE_SECONDS) so a channel post reads one short value, not every person's
   * entry. Deleted whenever a person's entry changes language, comes or goes.
   */
  workspaceLanguage: (teamId: string): string => `${teamRoot(teamId)}:common-language`,
  /** String (JSON): one person's reflection for one ISO week ('2026-W05'); answers sealed. */
  reflection: (teamId: string, userId: string, weekKey: string): string =>
    `${keys.userRoot(teamId, userId)}:reflection:${part(weekKey)}`,
  /** Sorted set: the weeks a person reflected, scored by week number (newest = highest). */
  reflectionWeeks: (teamId: string, userId: string): string =>
    `${keys.userRoot(teamId, userId)}:reflection-weeks`,
  /** Hash: week key → prompt ids the person was shown that week (answered or not). */
  promptsShown: (teamId: string, userId: string): string => `${keys.userRoot(teamId, userId)}:prompts-shown`,
  /** Hash: view id → the reflection modal the app opened for this person (refuses forged submits). */
  reflectViews: (teamId: string, userId: string): string => `${keys.userRoot(teamId, userId)}:reflect-views`,

  // Weekly nudges (src/nudges/). Per person, under the user root:
  /** Hash: schedule (weekday/hour/minute), tz, enrolled flag, version, armed job id and due time. */
  nudgeSchedule: (teamId: string, userId: string): string => `${keys.userRoot(teamId, userId)}:nudge`,
  /** Set of ISO week keys (`2026-W48`) whose nudge is paused; the App Home streak reads it. */
  nudgePaused: (teamId: string, userId: string): string => `${keys.userRoot(teamId, userId)}:nudge-paused`,
  /** Hash for one week's nudge: acted, skipped, snoozes. Expires after ~9 days. */
  nudgeWeek: (teamId: string, userId: string, weekKey: string): string =>
    `${keys.userRoot(teamId, userId)}:nudge-week:${part(weekKey)}`,
  /** Sent-marker claimed (SET NX) before a nudge DM is posted: one per person, week and kind. */
  nudgeSent: (teamId: string, userId: string, weekKey: string, kind: string): string =>
    `${keys.userRoot(teamId, userId)}:nudge-sent:${part(weekKey)}:${part(kind)}`,
  /** Set when an admin invitation DM was sent, so a repeated invite does not DM twice. */
  nudgeInvited: (teamId: string, userId: string): string => `${keys.userRoot(teamId, userId)}:nudge-invited`,
  // Per workspace:
  /** Sorted set of enrolled user ids, scored by when their next weekly nudge is due (epoch ms). */
  nudgeEnrolled: (teamId: string): string => `${teamRoot(teamId)}:nudge-enrolled`,
  /** Where the reconciliation walk of the enrolled set got to (a rank offset). */
  nudgeReconcileCursor: (teamId: string): string => `${teamRoot(teamId)}:nudge-reconcile-cursor`,
  /** The workspace's calendar of used send slots (sorted set, a score per minute); see src/nudges/workspace-gate.ts. */
  sendCalendar: (teamId: string): string => `${teamRoot(teamId)}:send-calendar`,
  /** Send slots reserved by waiting unbooked jobs (sorted set: job id → slot); see src/nudges/workspace-gate.ts. */
  sendSlots: (teamId: string): string => `${teamRoot(teamId)}:send-slots`,
  /** Exists (with a TTL) while Slack asked us to wait after a 429 on background sends. */
  slackPauseUntil: (teamId: string): string => `${teamRoot(teamId)}:slack-pause-until`,
  /** Set when the workspace's bot token is revoked or invalid: no background sends until cleared. */
  sendsStopped: (teamId: string): string => `${teamRoot(teamId)}:sends-stopped`,
  /**
   * The one key without a team id: the set of workspace ids that have anyone enrolled, so the
   * reconciliation job can find the per-workspace sets. It holds team ids only, nothing personal.
   */
  nudgeTeams: (): string => `${ROOT}:nudge-teams`,

  // Peer recognition (src/recognition/). Shared records, per channel and per workspace:
  /** String (JSON): one recognition. Public ones are workspace data; private ones only giver and recipients read. */
  recognition: (teamId: string, id: string): string => `${teamRoot(teamId)}:recognition:${part(id)}`,
  /** Sorted set: ids of public recognitions posted in a channel, scored by time (ms); the digest reads it. */
  channelRecognitions: (teamId: string, channelId: string): string =>
    `${teamRoot(teamId)}:channel:${part(channelId)}:recognitions`,
  /** String (JSON): a channel's weekly recognition prompt (schedule, zone, digest flag, admin). */
  channelPrompt: (teamId: string, channelId: string): string =>
    `${teamRoot(teamId)}:channel:${part(channelId)}:prompt`,
  /** Sent-marker claimed (SET NX) before a channel's weekly prompt is posted: once per channel and ISO week. */
  channelPromptSent: (teamId: string, channelId: string, weekKey: string): string =>
    `${teamRoot(teamId)}:channel:${part(channelId)}:prompt-sent:${part(weekKey)}`,
  /** Set once the admin was told how to invite the bot, so `not_in_channel` DMs them only once. */
  channelPromptInviteNotice: (teamId: string, channelId: string): string =>
    `${teamRoot(teamId)}:channel:${part(channelId)}:prompt-invite-notice`,
  /** Set of channel ids that have a weekly recognition prompt. */
  promptChannels: (teamId: string): string => `${teamRoot(teamId)}:prompt-channels`,
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
