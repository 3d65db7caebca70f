import { describe, expect, it } from 'vitest';
import { buildAppHome, type HomeModel } from '#messages/app-home.ts';
import {
  careRadarSection,
  careRadarTeamMessage,
  teamReplyText,
  teamSavedIntro,
  teamUsage,
  unreadablePersonMessage,
  userGroupUnreadableText,
} from '#messages/care-radar-section.ts';
import { channelPromptMessage, digestBlocks, inviteBotNotice } from '#messages/channel-prompt-message.ts';
import * as promptReplies from '#messages/channel-prompt-replies.ts';
import { commandFailedText } from '#messages/command-apology.ts';
import {
  exportAsMessages,
  exportDoneText,
  exportNoteText,
  exportPartsMissingText,
} from '#messages/export-messages.ts';
import {
  forgetCancelledMessage,
  forgetConfirmMessage,
  forgetDoneMessage,
} from '#messages/forget-messages.ts';
import { formatScheduleInZone } from '#messages/format-time.ts';
import { reflectHelpMessage } from '#messages/help-message.ts';
import {
  createTranslations,
  isLanguage,
  type Language,
  loadCatalogues,
  type Translator,
} from '#messages/i18n.ts';
import { nudgeHomeSection } from '#messages/nudge-home-section.ts';
import {
  inviteLimitText,
  inviteReplyText,
  invitingText,
  nudgeInvitationMessage,
} from '#messages/nudge-invitation.ts';
import { nudgeAcknowledgement, nudgeFollowUpMessage, nudgeMessage } from '#messages/nudge-message.ts';
import {
  notEnrolledReply,
  nudgeNoteText,
  optedInReply,
  pausedReply,
  resumedReply,
  scheduleSetReply,
  snoozedText,
  stoppedReply,
} from '#messages/nudge-replies.ts';
import { nudgeScheduleModal, readNudgeScheduleSubmission } from '#messages/nudge-schedule-modal.ts';
import {
  recognitionFormErrorText,
  recognitionModal,
  recognitionNotSentText,
  recognitionProblemView,
  recognitionSentView,
} from '#messages/recognition-modal.ts';
import { privateRecognitionDm, recognitionDm, recognitionPost } from '#messages/recognition-post.ts';
import { RECOGNITION_PROMPTS } from '#messages/recognition-prompts.ts';
import {
  channelProblemMessage,
  formDidNotOpenText,
  formOpenedHint,
  inactivePersonMessage,
  recognitionLimitMessage,
  recognitionNoteText,
  refusalText,
  tooLongMessage,
  undeliveredMessage,
  unknownNameMessage,
  unknownPersonMessage,
} from '#messages/recognition-replies.ts';
import { recognizeHelpMessage } from '#messages/recognize-help.ts';
import { reflectionSavedMessage } from '#messages/reflect-confirmation.ts';
import { reflectHistoryMessage } from '#messages/reflect-history.ts';
import {
  ANSWER_MAX_CHARS,
  answerBlockId,
  buildReflectModal,
  INTENTION_MAX_CHARS,
  readReflectSubmission,
  reflectFormErrorText,
} from '#messages/reflect-modal.ts';
import { REFLECTION_PROMPTS } from '#messages/reflection-prompts.ts';
import type { ShownReflection } from '#messages/reflection-view.ts';
import { escapeMrkdwn } from '#messages/safe-text.ts';
import { pauseWeeksError, SCHEDULE_ERROR_CODES, scheduleErrorText } from '#messages/schedule-input-errors.ts';
import { weekLabel } from '#messages/week-label.ts';
import { mrkdwnToPlain } from '#src/recognition/mrkdwn-to-plain.ts';
import { onlyMention, toSafeMrkdwn } from '#src/recognition/parse-recognition.ts';
import { type BlockKitSurface, blockKitViolations } from '#src/sandbox/block-kit-limits.ts';
import { messageReach } from '#src/sandbox/message-pings.ts';
import { type Catalogue, pseudoCatalogue } from '#test/support/catalogue-check.ts';

/**
 * Issue 12, finding 12: a property test. Worst-case text (`&`, `<`, `>` each five or four
 * characters once escaped, emoji with skin tones, letters with stacked combining marks, mention
 * and broadcast syntax, up to 4,000 characters) goes into every slot of every builder in
 * `messages/` that can carry a person's words; every result must stay inside every Slack limit
 * (block-kit-limits.ts, which counts the text as sent, after escaping), and no text a person typed
 * may ping anyone.
 */

/** A seeded linear congruential generator: a failing case names a seed that reproduces it. */
function random(seed: number): () => number {
  let state = seed % 2147483647;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

const ATOMS = ['&', '<', '>', '👍🏽', 'e\u0301\u0302', '𝔘', 'a', ' ', '\n', '<@U1>', '<!channel>', '*_~`'];
const LENGTHS = [0, 1, 500, 999, 1000, 1001, 1500, 2999, 3000, 3001, 4000];

/** Text of at most `length` UTF-16 units, built from whole atoms. */
function textOf(atoms: readonly string[], length: number, next: () => number): string {
  let out = '';
  for (;;) {
    const atom = atoms[Math.floor(next() * atoms.length)] ?? 'a';
    if (out.length + atom.length > length) return out;
    out += atom;
  }
}

/** Pure runs of each atom at the longest length, then seeded mixes at every length. */
function worstCases(runs = 40): { label: string; text: string }[] {
  const cases = ATOMS.map((atom) => ({
    label: `run of ${JSON.stringify(atom)}`,
    text: textOf([atom], 4000, () => 0),
  }));
  for (let seed = 1; seed <= runs; seed += 1) {
    const next = random(seed);
    const length = LENGTHS[seed % LENGTHS.length] ?? 4000;
    cases.push({ label: `seed ${seed} (${length})`, text: textOf(ATOMS, length, next) });
  }
  return cases.filter((c) => c.text.trim() !== '');
}

type Built = { surface: BlockKitSurface; value: unknown; text?: unknown; fromPerson?: boolean };

/** The longest prompts of each library: the ones closest to Slack's limits. */
const LONGEST_REFLECTION = [...REFLECTION_PROMPTS].sort((a, b) => b.text.length - a.text.length).slice(0, 3);
const LONGEST_RECOGNITION = [...RECOGNITION_PROMPTS].sort((a, b) => b.text.length - a.text.length)[0]!;

const GIVER = 'UGIVER';
const RECIPIENTS = ['U1', 'U2'];
/** Named by our own builders (care radar, digest), never by typed text. */
const RADAR_PERSON = 'U12345678901';

function reflection(text: string, weekKey: string): ShownReflection {
  return {
    weekKey,
    prompts: LONGEST_REFLECTION.map((prompt) => ({
      dimension: prompt.dimension,
      text: prompt.text,
      answer: text.slice(0, ANSWER_MAX_CHARS),
    })),
    intention: text.slice(0, INTENTION_MAX_CHARS),
    ratings: { soul: 3, heart: 0, mind: 2 },
    unreadable: [],
  };
}

/** The "too long" inline error of the reflection modal, as a person who pasted 100,000 characters sees it. */
function readReflectError(tr: Translator): string {
  const result = readReflectSubmission(
    { [answerBlockId(0)]: { answer: { type: 'plain_text_input', value: 'x'.repeat(100_000) } } },
    1,
    tr,
  );
  return result.ok ? '' : Object.values(result.errors).join(' ');
}

function readNudgeScheduleErrors(tr: Translator): Record<string, string> {
  const result = readNudgeScheduleSubmission({}, tr);
  return result.ok ? {} : result.errors;
}

/** Every builder, with `text` in each slot that carries a person's words. */
function buildAll(text: string, tr: Translator): Record<string, Built> {
  const recognitionWords = [
    escapeMrkdwn(text.slice(0, 1000)), // the form: raw text, escaped
    onlyMention(toSafeMrkdwn(escapeMrkdwn(text)), [GIVER, ...RECIPIENTS]), // the command, 4,000 characters
  ];
  const built: Record<string, Built> = {};
  recognitionWords.forEach((words, i) => {
    const content = { giverId: GIVER, recipientIds: RECIPIENTS, words, dimension: 'heart' as const };
    const post = recognitionPost(content, tr);
    built[`recognitionPost ${i}`] = {
      surface: 'message',
      value: post.blocks,
      text: post.text,
      fromPerson: true,
    };
    const dm = recognitionDm(
      { ...content, channelId: 'C1', permalink: 'https://x.slack.com/archives/C1/p1' },
      tr,
    );
    built[`recognitionDm ${i}`] = { surface: 'message', value: dm.blocks, text: dm.text, fromPerson: true };
    const quiet = privateRecognitionDm({ ...content, recipientId: 'U1' }, tr);
    built[`privateRecognitionDm ${i}`] = {
      surface: 'message',
      value: quiet.blocks,
      text: quiet.text,
      fromPerson: true,
    };
    built[`recognitionModal prefilled ${i}`] = {
      surface: 'modal',
      value: recognitionModal({ recipients: RECIPIENTS, words: mrkdwnToPlain(words), channelId: 'C1' }, tr),
    };
  });
  built.recognitionModal = { surface: 'modal', value: recognitionModal({ words: text }, tr) };
  built.recognitionSentView = {
    surface: 'modal',
    value: recognitionSentView(
      {
        visibility: 'channel',
        recipients: Array(10).fill('U12345678901'),
        channelId: 'C1',
      },
      tr,
    ),
  };
  built.recognitionProblemView = {
    surface: 'modal',
    value: recognitionProblemView('Nothing was posted.', tr),
  };

  const reflections = ['2026-W48', '2026-W47', '2026-W46', '2026-W45', '2026-W44'].map((w) =>
    reflection(text, w),
  );
  const history = reflectHistoryMessage(reflections, 40, tr);
  built.reflectHistoryMessage = {
    surface: 'message',
    value: history.blocks,
    text: history.text,
    fromPerson: true,
  };

  const home: HomeModel = {
    weekKey: '2026-W49',
    reflectedThisWeek: false,
    streak: 12,
    balance: { soul: 4, heart: 1, mind: 0 },
    balanceWeeks: 4,
    totalWeeks: 40,
    recent: reflections.slice(0, 3),
    lastIntention: { text, weeksAgo: 1 },
  };
  const radar = {
    team: Array(200).fill('U12345678901'),
    overlooked: Array(200).fill('U12345678901'),
    weeks: 4,
  };
  const schedule = { weekday: 5, hour: 16, minute: 0 };
  const nextAt = new Date('2026-12-04T15:00:00Z');
  built.buildAppHome = {
    surface: 'home',
    value: buildAppHome(
      home,
      [
        nudgeHomeSection(
          {
            enrolled: true,
            schedule,
            tz: 'America/Argentina/ComodRivadavia',
            nextAt,
            upcomingPaused: ['week of 30 Nov 2026'],
          },
          tr,
        ),
        careRadarSection(radar, { surface: 'home' }, tr),
      ],
      tr,
    ),
    fromPerson: true,
  };
  const prompt = LONGEST_REFLECTION[0]!;
  const nudge = nudgeMessage(
    {
      weekKey: '2026-W49',
      prompt,
      lastIntention: text,
      scheduleText: formatScheduleInZone(schedule, 'America/Argentina/ComodRivadavia', tr),
      canSnooze: true,
      extraBlocks: careRadarSection(radar, { surface: 'nudge' }, tr),
    },
    tr,
  );
  built.nudgeMessage = { surface: 'message', value: nudge.blocks, text: nudge.text, fromPerson: true };
  const followUp = nudgeFollowUpMessage({ weekKey: '2026-W49', prompt }, tr);
  built.nudgeFollowUpMessage = { surface: 'message', value: followUp.blocks, text: followUp.text };
  built.nudgeAcknowledgement = {
    surface: 'message',
    value: nudgeAcknowledgement(snoozedText(nextAt, 'America/Argentina/ComodRivadavia', tr)).blocks,
  };
  built.buildReflectModal = {
    surface: 'modal',
    value: buildReflectModal(
      {
        weekKey: '2026-W49',
        prompts: LONGEST_REFLECTION,
        existing: {
          answers: Object.fromEntries(LONGEST_REFLECTION.map((p) => [p.id, text.slice(0, ANSWER_MAX_CHARS)])),
          intention: text.slice(0, INTENTION_MAX_CHARS),
          ratings: { soul: 1 },
        },
        lastIntention: { text, weeksAgo: 3 },
        privateMetadata: 'n'.repeat(64),
      },
      tr,
    ),
    fromPerson: true,
  };
  built.reflectHelpMessage = {
    surface: 'message',
    value: reflectHelpMessage(text, tr).blocks,
    fromPerson: true,
  };
  built.careRadarTeamMessage = {
    surface: 'message',
    value: careRadarTeamMessage(radar, { intro: teamSavedIntro(200, false, tr), usage: teamUsage(tr) }, tr)
      .blocks,
  };
  const digest = {
    count: 500,
    people: Array(300).fill('U12345678901'),
    mix: { soul: 100, heart: 300, mind: 100 },
  };
  built.digestBlocks = { surface: 'message', value: digestBlocks(digest, tr) };
  const channelPrompt = channelPromptMessage({ prompt: LONGEST_RECOGNITION, channelId: 'C1', digest }, tr);
  built.channelPromptMessage = { surface: 'message', value: channelPrompt.blocks, text: channelPrompt.text };
  built.inviteBotNotice = { surface: 'message', value: inviteBotNotice('C1', tr).blocks };
  built.nudgeScheduleModal = {
    surface: 'modal',
    value: nudgeScheduleModal({ current: schedule, timeZone: 'Asia/Kathmandu' }, tr),
  };
  built.nudgeInvitationMessage = {
    surface: 'message',
    value: nudgeInvitationMessage({ inviterId: 'UADMIN' }, tr).blocks,
  };
  built.forgetConfirmMessage = { surface: 'message', value: forgetConfirmMessage(tr).blocks };
  built.forgetDoneMessage = {
    surface: 'message',
    value: forgetDoneMessage(['reflections', 'nudges'], tr).blocks,
  };
  built.forgetCancelledMessage = { surface: 'message', value: forgetCancelledMessage(tr).blocks };
  built.recognizeHelpMessage = { surface: 'message', value: recognizeHelpMessage(tr).blocks };
  built.reflectionSavedMessage = {
    surface: 'message',
    value: reflectionSavedMessage({ weekKey: '2026-W49', created: true, offerNudge: true, streak: 52 }, tr)
      .blocks,
  };
  const opted = optedInReply(schedule, 'America/Argentina/ComodRivadavia', { dueAt: nextAt }, tr);
  built.optedInReply = { surface: 'message', value: opted.blocks, text: opted.text };
  built['careRadarTeamMessage saved'] = {
    surface: 'message',
    value: careRadarTeamMessage(radar, { intro: teamSavedIntro(200, true, tr), usage: teamUsage(tr) }, tr)
      .blocks,
  };
  // What the giver of a recognition may be told in the modal (a section of the "Not sent" view).
  const giverMessages = [
    recognitionNotSentText(tr),
    ...(
      ['peopleUnchecked', 'noChannel', 'giverNotIn', 'botNotInPrivate', 'archived', 'unchecked'] as const
    ).map((note) => recognitionNoteText(note, tr)),
    ...(['broadcast', 'group', 'tooMany', 'self', 'bot', 'empty'] as const).map((r) => refusalText(r, tr)),
    ...['not_in_channel', 'channel_not_found', 'is_archived'].map((code) =>
      channelProblemMessage(code, 'C1', tr),
    ),
    tooLongMessage(text.length, tr),
    unknownNameMessage(text, tr),
    unknownPersonMessage('U12345678901', tr),
    inactivePersonMessage('U12345678901', tr),
    recognitionLimitMessage(1000, 10 * 24 * 3600, tr),
  ];
  giverMessages.forEach((message, i) => {
    built[`recognitionProblemView ${i}`] = {
      surface: 'modal',
      value: recognitionProblemView(message ?? '', tr),
    };
  });
  // Text replies (ephemeral, modal inline errors, DMs), measured as the section Slack shows them in.
  const zone = 'America/Argentina/ComodRivadavia';
  const replies: Record<string, string> = {
    commandFailed: commandFailedText(tr),
    ...Object.fromEntries(
      (['empty', 'unreadable', 'forged', 'saveFailed', 'didNotOpen'] as const).map((e) => [
        `reflect ${e}`,
        reflectFormErrorText(e, tr),
      ]),
    ),
    reflectTooLong: readReflectError(tr),
    ...Object.fromEntries(
      (
        ['invitationDeclined', 'snoozeLimit', 'nothingToSnooze', 'weekSkipped', 'modalDidNotOpen'] as const
      ).map((note) => [note, nudgeNoteText(note, tr)]),
    ),
    snoozedText: snoozedText(nextAt, zone, tr),
    scheduleSet: scheduleSetReply(schedule, zone, { dueAt: nextAt }, tr).text,
    paused: pausedReply(Array(12).fill(weekLabel('2026-W52', tr)), zone, { dueAt: nextAt }, tr).text,
    resumed: resumedReply(zone, undefined, tr).text,
    notEnrolled: notEnrolledReply(tr).text,
    stopped: stoppedReply(tr).text,
    ...Object.fromEntries(
      (['usage', 'adminsOnly', 'lookingUp', 'notInChannel', 'membersUnreadable'] as const).map((reply) => [
        `invite ${reply}`,
        inviteReplyText(reply, tr),
      ]),
    ),
    inviteLimitText: inviteLimitText(1000, 10 * 24 * 3600, tr),
    invitingText: invitingText({ queued: 5000, alreadyEnrolled: 5000, alreadyInvited: 5000 }, tr),
    ...Object.fromEntries(
      (['noOne', 'noWords', 'noChannel'] as const).map((e) => [`form ${e}`, recognitionFormErrorText(e, tr)]),
    ),
    formDidNotOpen: formDidNotOpenText(tr),
    formOpenedHintChannel: formOpenedHint('no-channel', tr),
    formOpenedHintWords: formOpenedHint('no-words', tr),
    formOpenedHintOne: formOpenedHint('no-one', tr),
    undeliveredMessage: undeliveredMessage(Array(10).fill(RADAR_PERSON), tr),
    ...Object.fromEntries(
      (['tooLong', 'broadcast', 'guestTeam', 'guestCheckFailed', 'teamCleared'] as const).map((reply) => [
        `team ${reply}`,
        teamReplyText(reply, tr),
      ]),
    ),
    unreadablePersonMessage: unreadablePersonMessage(text, tr),
    userGroupUnreadableText: userGroupUnreadableText('x'.repeat(64), tr),
    ...Object.fromEntries(
      (
        [
          'noPrompt',
          'noPromptToStop',
          'stopped',
          'noTimeZone',
          'archived',
          'digestUsage',
          'digestNeedsPrompt',
        ] as const
      ).map((note) => [`channel prompt ${note}`, promptReplies.channelPromptNoteText(note, tr)]),
    ),
    channelPromptSummary: promptReplies.channelPromptSummary(
      { ...schedule, tz: zone, digest: true },
      'C1',
      nextAt,
      tr,
    ),
    channelPromptScheduledText: promptReplies.channelPromptScheduledText(
      'C1',
      { ...schedule, tz: zone, digest: false },
      nextAt,
      promptReplies.inviteBotHint('C1', tr),
      tr,
    ),
    digestOn: promptReplies.digestSetText(true, tr),
    digestOff: promptReplies.digestSetText(false, tr),
    notAChannelText: promptReplies.notAChannelText('schedule fri 16:00', tr),
    notAdminSchedule: promptReplies.notAdminText('schedule', tr),
    notAdminDigest: promptReplies.notAdminText('digest', tr),
    ...Object.fromEntries(
      SCHEDULE_ERROR_CODES.map((code) => [
        code,
        promptReplies.recognizeScheduleError(scheduleErrorText(code, tr)),
      ]),
    ),
    pauseWeeksError: pauseWeeksError(1, 12, tr),
    exportStarted: exportNoteText('started', tr),
    exportFailed: exportNoteText('failed', tr),
    exportDone: `${exportDoneText('messages', tr)}${exportPartsMissingText(['reflections', 'nudges', 'recognitions'], tr)}`,
    notReflectedModalErrors: Object.values(readNudgeScheduleErrors(tr)).join(' '),
  };
  for (const [name, reply] of Object.entries(replies)) {
    built[`reply ${name}`] = {
      surface: 'message',
      value: [{ type: 'section', text: { type: 'mrkdwn', text: reply } }],
      text: reply,
      fromPerson: true,
    };
  }
  return built;
}

/**
 * Every language present under messages/locales, and a pseudo-language whose every piece of text
 * is 1.6 times as long as the English (German and French run long), with the same placeholders.
 */
const catalogues = loadCatalogues();
const translations = createTranslations(catalogues);
const LANGUAGES_PRESENT = Object.keys(catalogues).filter((l): l is Language => isLanguage(l));
const longPseudo = createTranslations({
  en: { common: pseudoCatalogue((catalogues.en?.common ?? {}) as Catalogue, 'ẅ', 1.6) },
}).for('en');
const TRANSLATORS: readonly { name: string; tr: Translator }[] = [
  ...LANGUAGES_PRESENT.map((language) => ({ name: language, tr: translations.for(language) })),
  { name: 'long pseudo-language', tr: longPseudo },
];

function problemsOf(text: string, tr: Translator): string[] {
  const problems: string[] = [];
  for (const [name, built] of Object.entries(buildAll(text, tr))) {
    for (const violation of blockKitViolations(built.surface, built.value))
      problems.push(`${name}: ${violation}`);
    if (typeof built.text === 'string' && built.text.length > 40_000) {
      problems.push(`${name}: text is ${built.text.length} characters (Slack truncates past 40,000)`);
    }
    if (built.fromPerson && built.surface === 'message') {
      const reach = messageReach({ text: built.text, blocks: built.value });
      const strangers = reach.users.filter(
        (id) => id !== GIVER && !RECIPIENTS.includes(id) && id !== RADAR_PERSON,
      );
      if (strangers.length > 0 || reach.broadcasts.length > 0 || reach.groups.length > 0) {
        problems.push(`${name}: typed text pings ${JSON.stringify(reach)}`);
      }
    }
  }
  return problems;
}

describe('every builder in messages/ stays inside Slack limits for worst-case text', () => {
  const cases = worstCases();

  it.each(cases)('$label', ({ text }) => {
    expect(problemsOf(text, translations.for('en'))).toEqual([]);
  });

  // Every language present and the long pseudo-language, every worst case.
  it.each(TRANSLATORS.flatMap(({ name, tr }) => cases.map((c) => ({ name, tr, ...c }))))(
    '$name: $label',
    ({ text, tr }) => {
      expect(problemsOf(text, tr)).toEqual([]);
    },
  );

  it.each(TRANSLATORS)(
    '$name: every prompt of both libraries renders within limits where it is shown',
    ({ name, tr }) => {
      const problems: string[] = [];
      const digest = {
        count: 500,
        people: Array(300).fill(RADAR_PERSON),
        mix: { soul: 1, heart: 1, mind: 1 },
      };
      for (const prompt of RECOGNITION_PROMPTS) {
        const post = channelPromptMessage({ prompt, channelId: 'C1', digest }, tr);
        for (const v of blockKitViolations('message', post.blocks))
          problems.push(`${name} ${prompt.id}: ${v}`);
      }
      for (const prompt of REFLECTION_PROMPTS) {
        const nudge = nudgeMessage(
          { weekKey: '2026-W49', prompt, scheduleText: 'Fridays at 16:00', canSnooze: true },
          tr,
        );
        const modal = buildReflectModal({ weekKey: '2026-W49', prompts: [prompt], privateMetadata: 'n' }, tr);
        for (const v of blockKitViolations('message', nudge.blocks))
          problems.push(`${name} ${prompt.id} nudge: ${v}`);
        for (const v of blockKitViolations('modal', modal)) problems.push(`${name} ${prompt.id} modal: ${v}`);
      }
      expect(problems).toEqual([]);
    },
  );

  it('/reflect export sends parts within 4,000 characters each, entities never cut', () => {
    for (const { text } of cases) {
      const json = JSON.stringify({ reflections: [{ answer: text }, { answer: text }] });
      const parts = exportAsMessages(json);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(4000);
        expect(part).not.toMatch(/&(?!amp;|lt;|gt;)/);
      }
      const body = parts.map((part) => part.slice(part.indexOf('```') + 3, -3)).join('');
      expect(body.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')).toBe(json);
    }
  });
});

/** Every string a person reads in a built message or view (text fields, not ids or values). */
function visibleTexts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) visibleTexts(item, out);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'text' && typeof inner === 'string') out.push(inner);
      else visibleTexts(inner, out);
    }
  }
  return out;
}

describe('a pseudo-language: every word a person reads goes through the catalogue', () => {
  // Every literal piece of the English catalogue becomes '¤'; built as Japanese so Intl dates carry no Latin letters.
  const pseudo = createTranslations({
    en: catalogues.en ?? {},
    ja: { common: pseudoCatalogue((catalogues.en?.common ?? {}) as Catalogue, '¤') },
  }).for('ja');
  // What the builders are given, not what they say: prompts (their own catalogue, issue 15 part 2),
  // zones, slash commands, mentions, the dimension tags and the test's own inputs.
  const inputs = [
    ...REFLECTION_PROMPTS.map((p) => p.text),
    ...RECOGNITION_PROMPTS.map((p) => p.text),
    'America/Argentina/ComodRivadavia',
    'Asia/Kathmandu',
    'week of 30 Nov 2026',
    'Nothing was posted.',
    'reflections',
    'nudges',
    'recognitions',
    'x'.repeat(64),
    'schedule fri 16:00',
  ].sort((a, b) => b.length - a.length);

  it('no English text is left once every catalogue string is replaced', () => {
    const leaks = new Set<string>();
    for (const [name, built] of Object.entries(buildAll('Zq', pseudo))) {
      const texts = [...visibleTexts(built.value), ...(typeof built.text === 'string' ? [built.text] : [])];
      for (const text of texts) {
        let rest = text;
        for (const input of inputs) rest = rest.replaceAll(escapeMrkdwn(input), ' ').replaceAll(input, ' ');
        rest = rest
          .replace(/<[^>]*>/g, ' ') // mentions, channels, links
          .replace(/\/(reflect|recognize)( [a-z@#[\]0-9:-]+)*/g, ' ') // slash commands and their words
          .replace(/#?(soul|heart|mind)\b/g, ' ')
          .replace(/\bZq\b/g, ' ')
          .replace(/&(amp|lt|gt);/g, ' ');
        for (const word of rest.match(/[A-Za-z]{2,}/g) ?? [])
          leaks.add(`${name}: ${word} (in ${JSON.stringify(text.slice(0, 80))})`);
      }
    }
    expect([...leaks]).toEqual([]);
  });
});
