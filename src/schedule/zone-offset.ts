// Fast UTC-offset lookups and local wall-clock <-> instant conversion for IANA time zones.
//
// Why not call Intl (or @date-fns/tz) on every lookup: formatToParts builds strings and costs
// microseconds, and the scheduler runs this for every enrolled person. Instead we ask Intl once per
// zone per chunk of time, remember where the offset changes (to the second), and answer later
// lookups with a short array scan. The tz database is the runtime's (ICU), same as Intl's.
//
// "Local ms" below means a wall-clock reading encoded as if it were UTC milliseconds, e.g.
// 2026-03-29 02:30 local is Date.UTC(2026, 2, 29, 2, 30). It is not an instant.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

// Chunk length for the lazily built offset tables (~128 days). Any fixed length works; this keeps
// the one-off cost per zone small (~512 Intl calls) while a year needs only three chunks.
const CHUNK_MS = 128 * DAY_MS;
// Sampling step inside a chunk. Transitions closer together than this (none in the modern tz
// database) could be missed; each detected change is then pinned down to the second.
const SAMPLE_MS = 6 * HOUR_MS;
// Used to find the offsets on either side of a local time; assumes at most one transition within a
// day of any wall-clock time, as Temporal's disambiguation does.
const NEIGHBOUR_MS = DAY_MS;

type OffsetChunk = {
  // Instants (UTC ms) at which offsets[i] starts to apply; starts[0] is the chunk start.
  starts: number[];
  // Offsets in ms (local - UTC).
  offsets: number[];
};

type Zone = {
  format: Intl.DateTimeFormat;
  chunks: Map<number, OffsetChunk>;
};

const zones = new Map<string, Zone>();

function zoneFor(timeZone: string): Zone {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    // Throws RangeError for an unknown zone, which is what callers should see.
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'iso8601',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    zone = { format, chunks: new Map() };
    zones.set(timeZone, zone);
  }
  return zone;
}

// The slow, authoritative path: ask Intl for the wall clock at a whole second.
function intlOffsetMs(format: Intl.DateTimeFormat, instantMs: number): number {
  const atSecond = Math.floor(instantMs / 1000) * 1000;
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of format.formatToParts(atSecond)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value) % 24;
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        bc = part.value.startsWith('B');
        break;
      default:
        break;
    }
  }
  const fullYear = bc ? 1 - year : year;
  const local = new Date(0);
  local.setUTCFullYear(fullYear, month - 1, day);
  local.setUTCHours(hour, minute, second, 0);
  return local.getTime() - atSecond;
}

function buildChunk(format: Intl.DateTimeFormat, index: number): OffsetChunk {
  const start = index * CHUNK_MS;
  const end = start + CHUNK_MS;
  const starts = [start];
  const offsets = [intlOffsetMs(format, start)];
  let previousAt = start;
  let previousOffset = offsets[0] as number;
  for (let at = start + SAMPLE_MS; at <= end; at += SAMPLE_MS) {
    const offset = intlOffsetMs(format, at);
    if (offset !== previousOffset) {
      // Binary search in whole seconds for the first instant with the new offset.
      let lo = previousAt / 1000; // old offset here
      let hi = at / 1000; // new offset here
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (intlOffsetMs(format, mid * 1000) === previousOffset) lo = mid;
        else hi = mid;
      }
      const changeAt = hi * 1000;
      if (changeAt < end) {
        starts.push(changeAt);
        offsets.push(offset);
      }
    }
    previousAt = at;
    previousOffset = offset;
  }
  return { starts, offsets };
}

/** UTC offset (local minus UTC, in ms) in force at `instantMs` in `timeZone`. */
export function offsetAt(timeZone: string, instantMs: number): number {
  const zone = zoneFor(timeZone);
  const index = Math.floor(instantMs / CHUNK_MS);
  let chunk = zone.chunks.get(index);
  if (chunk === undefined) {
    chunk = buildChunk(zone.format, index);
    zone.chunks.set(index, chunk);
  }
  const { starts, offsets } = chunk;
  let i = starts.length - 1;
  while (i > 0 && (starts[i] as number) > instantMs) i--;
  return offsets[i] as number;
}

/** Wall-clock reading (as local ms) of an instant in a zone. */
export function toLocalMs(timeZone: string, instantMs: number): number {
  return instantMs + offsetAt(timeZone, instantMs);
}

/**
 * The instant for a wall-clock reading in a zone, using the project's DST rule (see DST-RULE.md):
 * a skipped time is shifted forward by the length of the gap, a repeated time resolves to its
 * first (earlier) occurrence. This is Temporal's / RFC 5545's "compatible" disambiguation.
 */
export function fromLocalMs(timeZone: string, localMs: number): number {
  // Offsets in force a day before and after this wall-clock reading.
  const before = offsetAt(timeZone, localMs - NEIGHBOUR_MS);
  const after = offsetAt(timeZone, localMs + NEIGHBOUR_MS);
  if (before === after) {
    const candidate = localMs - before;
    // Usually right; if not, the reading lies next to a transition we did not see from a day away.
    if (offsetAt(timeZone, candidate) === before) return candidate;
    const other = offsetAt(timeZone, candidate);
    return fromPair(timeZone, localMs, before, other);
  }
  return fromPair(timeZone, localMs, before, after);
}

function fromPair(timeZone: string, localMs: number, before: number, after: number): number {
  const withBefore = localMs - before;
  const withAfter = localMs - after;
  const beforeValid = offsetAt(timeZone, withBefore) === before;
  const afterValid = offsetAt(timeZone, withAfter) === after;
  if (beforeValid && afterValid) return Math.min(withBefore, withAfter); // repeated: first copy
  if (beforeValid) return withBefore;
  if (afterValid) return withAfter;
  // Skipped: read the wall clock with the offset from before the gap, which lands exactly
  // gap-length later on the new offset (02:30 in a 02:00->03:00 gap becomes 03:30).
  return withBefore;
}

/** Whole days since 1970-01-01 for a local-ms value. */
export function localDayNumber(localMs: number): number {
  return Math.floor(localMs / DAY_MS);
}

/** ISO weekday (1 = Monday .. 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function isoWeekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}
