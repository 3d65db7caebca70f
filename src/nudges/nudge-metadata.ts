import type { MessageMetadata } from '@slack/types';

/**
 * Slack message metadata on every nudge DM and invitation DM: the sent-marker's week and kind (an
 * ISO week and `w`, `f`, `r1`…; `invite` and `i` for an invitation), nothing about the person or
 * the prompt. People never see it; it lets a retry read the
 * DM history and tell whether an earlier attempt's DM landed (find-delivered-nudge.ts).
 */
export const NUDGE_EVENT_TYPE = 'throughline_nudge';

export function nudgeMetadata(weekKey: string, kind: string): MessageMetadata {
  return { event_type: NUDGE_EVENT_TYPE, event_payload: { week: weekKey, kind } };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** True when a message from `conversations.history` is our nudge for this week and kind. */
export function isNudgeFor(message: unknown, weekKey: string, kind: string): boolean {
  const metadata = field(message, 'metadata');
  const payload = field(metadata, 'event_payload');
  return (
    field(metadata, 'event_type') === NUDGE_EVENT_TYPE &&
    field(payload, 'week') === weekKey &&
    field(payload, 'kind') === kind
  );
}
