import type { IncomingMessage } from 'node:http';
import { z } from 'zod';

/**
 * Recognises signed request bodies that are not shaped like anything Slack sends: an interactivity
 * `payload` that is not JSON, or whose ids Bolt reads are the wrong type (a `user` that is a string,
 * `actions` that is not a list of actions, a `view` without an id…). Bolt throws on those before any
 * listener runs and answers 500; the receiver uses this to answer 400 instead, because the fault is
 * in the request (found by the fuzz drill, bench/drills/fuzz.ts). Consulted only after Bolt threw.
 */
const idObject = z.looseObject({ id: z.string() });
const httpUrl = z.string().refine((value) => URL.canParse(value) && /^https?:/.test(value));
const interactivePayload = z
  .looseObject({
    type: z.string(),
    team: idObject.nullable().optional(),
    user: idObject,
    enterprise: idObject.nullable().optional(),
    channel: idObject.optional(),
    container: z.looseObject({}).optional(),
    actions: z
      .array(z.looseObject({ action_id: z.string() }))
      .min(1)
      .optional(),
    view: z.looseObject({ id: z.string(), callback_id: z.string() }).optional(),
    message: z.looseObject({}).optional(),
    response_url: httpUrl.optional(),
    response_urls: z.array(z.looseObject({ response_url: z.string() })).optional(),
    trigger_id: z.string().optional(),
    callback_id: z.string().optional(),
  })
  .refine((payload) => payload.type !== 'block_actions' || payload.actions !== undefined)
  .refine((payload) => !payload.type.startsWith('view_') || payload.view !== undefined);
const eventEnvelope = z.looseObject({ type: z.string(), event: z.looseObject({}).optional() });

function parsesAs(schema: z.ZodType, text: string): boolean {
  try {
    return schema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

export function isMalformedSlackBody(rawBody: string, contentType: string): boolean {
  if (contentType.toLowerCase().startsWith('application/json')) return !parsesAs(eventEnvelope, rawBody);
  const form = new URLSearchParams(rawBody);
  const payload = form.get('payload');
  if (payload !== null) return !parsesAs(interactivePayload, payload);
  return form.get('command') === null;
}

/** The same check on the request Bolt buffered (`rawBody`); false when there is nothing to judge. */
export function isMalformedSlackRequest(request: IncomingMessage): boolean {
  const raw = (request as IncomingMessage & { rawBody?: Buffer }).rawBody;
  if (!Buffer.isBuffer(raw)) return false;
  return isMalformedSlackBody(raw.toString('utf8'), String(request.headers['content-type'] ?? ''));
}
