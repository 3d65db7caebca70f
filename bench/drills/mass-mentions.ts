/**
 * Drill: mass mentions through `/recognize` and the recognition form (issue 12, finding 1). Every
 * way to make a recognition reach more people than it is about: 70 extra mentions with and without
 * Slack's labels, user groups, `@here`/`@channel`/`@everyone` in every spelling, links whose label
 * hides their address, malformed tokens, plus seeded random mixes of all of them, sent as signed
 * requests to a real app process. Every message the app then posts is read the way Slack reads it
 * (src/sandbox/message-pings.ts): a post may ping only its giver and its recipients, never a group
 * or a whole channel, and a link in a channel post must show its real address.
 */
import { messageReach } from '#src/sandbox/message-pings.ts';
import { type RecordedCall, type SlackDouble, startSlackDouble } from '#src/sandbox/slack-double.ts';
import { interactionBody, postSigned, slashCommandBody } from '#src/sandbox/slack-requests.ts';
import { viewSubmissionPayload } from '#test/support/slack-payloads.ts';
import {
  appEnv,
  privateRedis,
  SIGNING_SECRET,
  sleep,
  startProcess,
  TEAM,
  waitForStatus,
} from '../support/harness.ts';
import { pick, seeded } from './fuzz-inputs.ts';
import { type DrillReport, newReport } from './support.ts';

const FORM = 'application/x-www-form-urlencoded';
const CHANNEL = 'C1';
const RECIPIENT_POOL = Array.from({ length: 10 }, (_, i) => `UR${String(i).padStart(3, '0')}`);

const extras = (n: number, label: boolean) =>
  Array.from({ length: n }, (_, i) => (label ? `<@UX${i}|p${i}>` : `<@UX${i}>`)).join(' ');

/** Attack bodies, as Slack sends command text (`should_escape: true`). */
const ATTACKS: { name: string; body: string }[] = [
  { name: '70 labelled mentions', body: `kept us calm, with ${extras(70, true)}` },
  { name: '70 unlabelled mentions', body: `kept us calm, with ${extras(70, false)}` },
  {
    name: 'labelled link hiding its address',
    body: 'log in at <https://evil.example/login|https://sso.mycorp.com>',
  },
  { name: 'mailto with a label', body: 'write to <mailto:x@evil.example|the CEO>' },
  { name: 'user groups', body: 'thanks <!subteam^S1|@everyone-team> and <!subteam^S2>' },
  { name: '<!here>', body: 'thanks <!here>' },
  { name: '<!channel|channel>', body: 'thanks <!channel|channel>' },
  { name: '<!everyone>', body: 'thanks <!everyone>' },
  { name: 'plain @here', body: 'thanks @here and @channel' },
  { name: 'date token', body: 'shipped on <!date^1700000000^{date}|Monday>' },
  { name: 'malformed tokens', body: '<<@UX1>> <@UX2|a|b> <@ux3> <@W123ABC> <@UX4|> <@UX5|@here>' },
  { name: 'a mention inside a link label', body: '<https://x.example|<@UX6>> done' },
];

/** What random mixes are made of; every fifth mix also carries a broadcast (which is refused). */
const ATOMS = [
  '<@UX7|eve>',
  '<@UX8>',
  '<!subteam^S9|@ops>',
  '<https://evil.example|https://good.example>',
  '<https://x.example|<@UX6>>',
  '&amp;',
  '&lt;@UX9&gt;',
  'thanks',
  ' ',
  '👍🏽',
  'e\u0301\u0302',
];

interface Sent {
  giver: string;
  recipients: string[];
  name: string;
  via: 'command' | 'form';
}

function formSubmission(giver: string, recipients: string[], words: string): string {
  return interactionBody(
    viewSubmissionPayload({
      userId: giver,
      callbackId: 'recognition_modal',
      values: {
        recognition_recipients: { value: { type: 'multi_users_select', selected_users: recipients } },
        recognition_words: { value: { type: 'plain_text_input', value: words } },
        recognition_dimension: { value: { type: 'static_select', selected_option: { value: 'heart' } } },
        recognition_visibility: { value: { type: 'radio_buttons', selected_option: { value: 'channel' } } },
        recognition_channel: { value: { type: 'conversations_select', selected_conversation: CHANNEL } },
      },
    }),
  );
}

/** Waits until the double saw no new call for `quietMs` (at most `timeoutMs`). */
async function settle(double: SlackDouble, quietMs = 1500, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  let last = double.calls.length;
  let changed = Date.now();
  while (Date.now() - changed < quietMs && Date.now() - started < timeoutMs) {
    await sleep(100);
    if (double.calls.length !== last) {
      last = double.calls.length;
      changed = Date.now();
    }
  }
}

/** `random` mixes of atoms after the fixed attacks, each from its own giver. */
export async function massMentionsDrill(randomMixes: number, seed = 20261201): Promise<DrillReport> {
  const report = newReport(
    `mass mentions: ${ATTACKS.length} attacks × command and form, ${randomMixes} random mixes`,
  );
  const redis = await privateRedis();
  const double = await startSlackDouble({ teams: [TEAM] });
  try {
    const next = seeded(seed);
    const sent: Sent[] = [];
    const requests: { body: string; sent: Sent }[] = [];
    const givers: string[] = [];
    const giver = () => {
      const id = `UG${String(givers.length).padStart(5, '0')}`;
      givers.push(id);
      return id;
    };
    const someRecipients = () => {
      const count = 1 + Math.floor(next() * 3);
      return [...new Set(Array.from({ length: count }, () => pick(next, RECIPIENT_POOL)))];
    };
    for (const attack of ATTACKS) {
      const recipients = someRecipients();
      const lead = recipients.map((id) => `<@${id}|${id.toLowerCase()}>`).join(' ');
      const commandGiver = giver();
      const command: Sent = { giver: commandGiver, recipients, name: attack.name, via: 'command' };
      requests.push({
        sent: command,
        body: slashCommandBody({
          command: '/recognize',
          text: `${lead} ${attack.body}`,
          userId: commandGiver,
          channelId: CHANNEL,
          responseUrl: double.responseUrl(),
        }),
      });
      // The form (also what the message shortcut opens) gets the same text typed raw.
      const raw = attack.body.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
      const formGiver = giver();
      requests.push({
        sent: { giver: formGiver, recipients, name: attack.name, via: 'form' },
        body: formSubmission(formGiver, recipients, raw),
      });
    }
    for (let i = 0; i < randomMixes; i++) {
      const recipients = someRecipients();
      const atoms = Array.from({ length: 3 + Math.floor(next() * 25) }, () => pick(next, ATOMS));
      if (i % 5 === 0)
        atoms.splice(Math.floor(next() * atoms.length), 0, next() < 0.5 ? '<!here>' : '@everyone');
      // Words first, so the mentions in the mix are extra people, not recipients.
      const words = `for ${atoms.join(' ')}`;
      const id = giver();
      requests.push({
        sent: { giver: id, recipients, name: `random mix ${i}`, via: 'command' },
        body: slashCommandBody({
          command: '/recognize',
          text: `${recipients.map((r) => `<@${r}>`).join(' ')} ${words}`,
          userId: id,
          channelId: CHANNEL,
          responseUrl: double.responseUrl(),
        }),
      });
    }
    for (const id of [...givers, ...RECIPIENT_POOL]) double.addUser({ id, tz: 'Europe/Berlin' });
    double.addChannel({ id: CHANNEL, members: [...givers, ...RECIPIENT_POOL] });

    const app = await startProcess(
      'mass-mentions-app',
      appEnv(double.apiUrl, redis.url, { ROLE: 'web', LOG_LEVEL: 'warn' }),
    );
    await waitForStatus(`${app.baseUrl}/healthz`, 200, 60_000);
    report.did.push(
      `sent ${requests.length} signed requests (seed ${seed}): ${ATTACKS.map((a) => a.name).join('; ')}; each as /recognize and as the form, then ${randomMixes} random mixes`,
    );
    const statuses = new Map<number, number>();
    for (let i = 0; i < requests.length; i += 8) {
      const batch = requests.slice(i, i + 8);
      const answers = await Promise.all(
        batch.map(({ body }) => postSigned(app.baseUrl, body, FORM, { signingSecret: SIGNING_SECRET })),
      );
      for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      for (const { sent: one } of batch) sent.push(one);
    }
    await settle(double);

    const byGiver = new Map(sent.map((one) => [one.giver, one]));
    const posts = double.callsTo('chat.postMessage').filter((call) => call.ok);
    let channelPosts = 0;
    let maxPinged = 0;
    const bad: string[] = [];
    const owner = (call: RecordedCall) => {
      const text = String(call.params.text ?? '');
      return [...text.matchAll(/<@(UG\d{5})>/g)].map((m) => m[1] ?? '').find((id) => byGiver.has(id));
    };
    for (const call of posts) {
      const channel = String(call.params.channel);
      const one = byGiver.get(owner(call) ?? '');
      if (!one) continue; // an ephemeral-by-DM to a giver, or nothing to do with a recognition
      const reach = messageReach(call.params);
      const allowed = new Set([one.giver, ...one.recipients]);
      const strangers = reach.users.filter((id) => !allowed.has(id));
      const hidden = reach.hiddenLinks.filter(
        (link) => !/^https:\/\/[a-z0-9-]+\.slack\.com\/archives\//.test(link),
      );
      if (channel === CHANNEL) {
        channelPosts += 1;
        maxPinged = Math.max(maxPinged, reach.users.length);
      }
      if (
        strangers.length > 0 ||
        reach.broadcasts.length > 0 ||
        reach.groups.length > 0 ||
        hidden.length > 0
      ) {
        bad.push(
          `${one.via} "${one.name}" → ${channel}: pings ${JSON.stringify({ strangers: strangers.slice(0, 5), broadcasts: reach.broadcasts, groups: reach.groups, hidden })}`,
        );
      }
    }
    const postedGivers = new Set(
      posts.filter((call) => call.params.channel === CHANNEL).map((call) => owner(call) ?? ''),
    );
    report.found.push(
      `${postedGivers.size} of ${sent.length} recognitions were posted; the others were refused with a reply (broadcasts, unknown people named first, too long)`,
    );
    const refusedBlocks = double.calls.filter((call) =>
      /invalid_blocks|invalid_arguments/.test(String(call.error)),
    );
    report.found.push(`HTTP answers: ${[...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')}`);
    report.found.push(
      `${posts.length} messages posted (${channelPosts} channel posts); every one read for pings: at most ${maxPinged} people pinged by a channel post (giver + recipients), ${bad.length} reached anyone else`,
    );
    const broadcastAttempts = sent.filter(
      (one, index) =>
        /here|channel|everyone/.test(one.name) ||
        (one.name.startsWith('random') && (index - 2 * ATTACKS.length) % 5 === 0),
    );
    const broadcastPosts = posts.filter((call) => broadcastAttempts.some((one) => owner(call) === one.giver));
    report.found.push(
      `broadcast attempts (${broadcastAttempts.length}: command and form): ${broadcastPosts.length} messages posted for them (refused with a kind reply)`,
    );
    if (broadcastPosts.length > 0)
      report.failures.push(`${broadcastPosts.length} broadcast attempts were posted`);
    for (const line of bad.slice(0, 10)) report.failures.push(line);
    if (bad.length > 10) report.failures.push(`… and ${bad.length - 10} more`);
    if (refusedBlocks.length > 0)
      report.failures.push(`${refusedBlocks.length} calls refused by Slack's Block Kit limits`);
    if ((statuses.get(200) ?? 0) !== requests.length)
      report.failures.push('some requests were not answered 200');
    if (!app.alive()) report.failures.push(`the app process died (log: ${app.logFile})`);
    await app.stop();
  } finally {
    await double.close();
    await redis.stop();
  }
  return report;
}
