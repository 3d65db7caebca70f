import type { Language } from '#messages/i18n.ts';
import type { WeeklySchedule } from '#src/schedule/weekly-schedule.ts';

// Parses what people type after `/reflect schedule` and `/reflect pause`, in any of the supported
// languages. Errors are codes, so the caller answers in the person's language and shows a form
// that works. User text is never echoed back (it could be long or contain Slack markup).

/** The languages whose weekday names and time forms are read (the lead unifies it with `Language`). */
/** The product's languages: each one's weekday words are below (a new language must add them). */
export type ScheduleLanguage = Language;

/** What went wrong with a typed schedule or pause. */
export type ScheduleInputError =
  | 'empty'
  | 'unreadable'
  | 'noDay'
  | 'noTime'
  | 'unknownDay'
  | 'minutes'
  | 'amOrPm'
  | 'hours'
  | 'twelveHour'
  | 'pauseWeeks';

/** The codes `parseScheduleText` answers with (`pauseWeeks` belongs to `parsePauseWeeks`). */
export type ScheduleTextError = Exclude<ScheduleInputError, 'pauseWeeks'>;

export type ParseScheduleResult =
  | { ok: true; schedule: WeeklySchedule }
  | { ok: false; error: ScheduleTextError };
export type ParsePauseResult = { ok: true; weeks: number } | { ok: false; error: 'pauseWeeks' };

const MAX_INPUT = 40;
export const MIN_PAUSE_WEEKS = 1;
export const MAX_PAUSE_WEEKS = 12;

/**
 * Weekday names as people type them, 1 = Monday .. 7 = Sunday. `full` names (with their plural or
 * adverb forms: `fridays`, `freitags`, `sextas-feiras`) are understood in every language, since none
 * means two days; `short` forms only in their own language (and English ones always), because they
 * clash: German `do` is Thursday, Spanish `do` is Sunday; German `di` Tuesday, French `di` Sunday.
 */
const DAY_WORDS: Record<ScheduleLanguage, { full: string[][]; short: string[][] }> = {
  en: {
    full: [['monday'], ['tuesday'], ['wednesday'], ['thursday'], ['friday'], ['saturday'], ['sunday']],
    short: [['mon'], ['tue', 'tues'], ['wed', 'weds'], ['thu', 'thur', 'thurs'], ['fri'], ['sat'], ['sun']],
  },
  de: {
    full: [
      ['montag'],
      ['dienstag'],
      ['mittwoch'],
      ['donnerstag'],
      ['freitag'],
      ['samstag', 'sonnabend'],
      ['sonntag'],
    ],
    short: [['mo'], ['di'], ['mi'], ['do'], ['fr'], ['sa'], ['so']],
  },
  fr: {
    full: [['lundi'], ['mardi'], ['mercredi'], ['jeudi'], ['vendredi'], ['samedi'], ['dimanche']],
    short: [
      ['lun', 'lu'],
      ['mar', 'ma'],
      ['mer', 'me'],
      ['jeu', 'je'],
      ['ven', 've'],
      ['sam', 'sa'],
      ['dim', 'di'],
    ],
  },
  es: {
    full: [['lunes'], ['martes'], ['miércoles'], ['jueves'], ['viernes'], ['sábado'], ['domingo']],
    short: [
      ['lun', 'lu'],
      ['mar', 'ma'],
      ['mié', 'mier', 'mi'],
      ['jue', 'ju'],
      ['vie', 'vi'],
      ['sáb', 'sa'],
      ['dom', 'do'],
    ],
  },
  'pt-BR': {
    full: [
      ['segunda-feira', 'segunda'],
      ['terça-feira', 'terça'],
      ['quarta-feira', 'quarta'],
      ['quinta-feira', 'quinta'],
      ['sexta-feira', 'sexta'],
      ['sábado'],
      ['domingo'],
    ],
    short: [['seg'], ['ter'], ['qua'], ['qui'], ['sex'], ['sáb'], ['dom']],
  },
  ja: {
    full: [
      ['月曜日', '月曜', 'げつようび'],
      ['火曜日', '火曜', 'かようび'],
      ['水曜日', '水曜', 'すいようび'],
      ['木曜日', '木曜', 'もくようび'],
      ['金曜日', '金曜', 'きんようび'],
      ['土曜日', '土曜', 'どようび'],
      ['日曜日', '日曜', 'にちようび'],
    ],
    short: [['月'], ['火'], ['水'], ['木'], ['金'], ['土'], ['日']],
  },
};

/**
 * Small words around the day that carry no meaning here: `every friday at`, `am Freitag um`,
 * `tous les vendredis à`, `los viernes a las`, `todas as sextas às` (accents are dropped first).
 * None of them is a day word in any language (the tests type every day word, short ones too).
 */
const FILLER_WORDS = new Set([
  'every',
  'each',
  'on',
  'at',
  'jeden',
  'am',
  'um',
  'chaque',
  'tous',
  'le',
  'les',
  'a',
  'cada',
  'todos',
  'todas',
  'todo',
  'toda',
  'el',
  'los',
  'la',
  'las',
  'o',
  'os',
  'as',
  'ao',
  'aos',
  'na',
  'nas',
  'no',
  'nos',
]);

type DayTable = { full: Map<string, number>; short: Map<string, number> };

function dayTable(words: { full: string[][]; short: string[][] }): DayTable {
  const toMap = (days: string[][]) =>
    new Map(days.flatMap((names, index) => names.map((name) => [normalize(name), index + 1] as const)));
  return { full: toMap(words.full), short: toMap(words.short) };
}

/** Lower case, no accents, half-width digits and punctuation (`１６：００` -> `16:00`), single spaces. */
function normalize(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      // Only Latin combining accents go: Japanese kana keep their voicing marks.
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .normalize('NFC')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const DAY_TABLES = Object.fromEntries(
  Object.entries(DAY_WORDS).map(([language, words]) => [language, dayTable(words)]),
) as Record<ScheduleLanguage, DayTable>;

/** Full names of every language; `null` would mark a name that means different days (none today). */
const ANY_FULL_NAME = new Map<string, number | null>();
for (const table of Object.values(DAY_TABLES)) {
  for (const [name, weekday] of table.full) {
    const known = ANY_FULL_NAME.get(name);
    ANY_FULL_NAME.set(name, known === undefined || known === weekday ? weekday : null);
  }
}

/** A full name, also as plural or adverb: `fridays`, `freitags`, `vendredis`, `sextas-feiras`. */
function fullName<T>(names: Map<string, T>, word: string): T | undefined {
  return names.get(word) ?? names.get(word.replace(/s(?=-|$)/g, ''));
}

/** The person's own language first, then English (always understood), then any language's full names. */
function findWeekday(word: string, language: ScheduleLanguage): number | undefined {
  for (const table of [DAY_TABLES[language], DAY_TABLES.en]) {
    const weekday = table.short.get(word) ?? fullName(table.full, word);
    if (weekday !== undefined) return weekday;
  }
  return fullName(ANY_FULL_NAME, word) ?? undefined;
}

/**
 * The day word of the part before the time: `''` when there is none, `undefined` when it is not a
 * word at all (`fri -4pm`). Two words become one (`sexta feira` -> `sexta-feira`).
 */
function readDayWord(dayPart: string): string | undefined {
  const words = dayPart
    .split(/[\s,.()、]+/)
    // Japanese writes the day and its particles without spaces: 毎週金曜日の -> 金曜日.
    .map((word) => word.replace(/^毎週/, '').replace(/[のには]+$/, ''))
    .filter((word) => word !== '');
  while (words.length > 0 && FILLER_WORDS.has(words[0] ?? '')) words.shift();
  while (words.length > 0 && FILLER_WORDS.has(words.at(-1) ?? '')) words.pop();
  if (words.length > 2 || !words.every((word) => /^\p{L}+(?:-\p{L}+)*$/u.test(word))) return undefined;
  return words.join('-');
}

/** A time as typed, before its range is checked. */
type TypedTime = {
  hour: number;
  minute: number | undefined;
  /** `24h`: hours 0-23 and minutes may be left out (`16h`, `16 Uhr`, `16時`); `plain`: `16:00` needs minutes. */
  clock: 'plain' | '24h' | 'am' | 'pm' | '午前' | '午後';
};

const TIME_FORMS: { pattern: RegExp; read: (m: RegExpExecArray) => TypedTime }[] = [
  // 16:00, 16.00, 4pm, 4:30 pm, 4 p.m.
  {
    pattern: /^(\d{1,2})(?:[:.](\d{2}))?\s?(am|pm|a\.\s?m\.|p\.\s?m\.)?$/,
    read: (m) => ({
      hour: Number(m[1]),
      minute: minutes(m[2]),
      clock: m[3] === undefined ? 'plain' : m[3].startsWith('a') ? 'am' : 'pm',
    }),
  },
  // 16h, 16h30, 16:00h, 16 Uhr, 16 Uhr 30, 16:30 Uhr, 16 heures, 16 horas, 16hs
  {
    pattern: /^(\d{1,2})(?:[:.](\d{2}))?\s?(?:h|hs|hrs|uhr|heures?|horas?)\.?(?:\s?(\d{2}))?$/,
    read: (m) => ({
      hour: Number(m[1]),
      minute: m[2] !== undefined && m[3] !== undefined ? Number.NaN : minutes(m[2] ?? m[3]),
      clock: '24h',
    }),
  },
  // 16時, 16時30分, 16時半
  {
    pattern: /^(\d{1,2})時(?:(\d{1,2})分|(半))?$/,
    read: (m) => ({ hour: Number(m[1]), minute: m[3] === undefined ? minutes(m[2]) : 30, clock: '24h' }),
  },
  // 午後4時, 午後4時30分, 午後4時半, 午前9:30
  {
    pattern: /^(午前|午後)\s?(\d{1,2})(?:時(?:(\d{1,2})分|(半))?|:(\d{2}))$/,
    read: (m) => ({
      hour: Number(m[2]),
      minute: m[4] === undefined ? minutes(m[3] ?? m[5]) : 30,
      clock: m[1] === '午前' ? '午前' : '午後',
    }),
  },
];

function minutes(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

function readTime(timePart: string): TypedTime | undefined {
  for (const { pattern, read } of TIME_FORMS) {
    const match = pattern.exec(timePart);
    if (match === null) continue;
    const time = read(match);
    // 16:30h30 gives minutes twice.
    return Number.isNaN(time.minute) ? undefined : time;
  }
  return undefined;
}

function checkTime(
  time: TypedTime,
): { ok: true; hour: number; minute: number } | { ok: false; error: ScheduleTextError } {
  const { hour, minute = 0 } = time;
  if (minute > 59) return fail('minutes');
  switch (time.clock) {
    case 'plain':
      // Without am/pm a bare hour ("fri 4") is ambiguous, so these 24-hour times need minutes.
      if (time.minute === undefined) return fail('amOrPm');
      return hour > 23 ? fail('hours') : { ok: true, hour, minute };
    case '24h':
      return hour > 23 ? fail('hours') : { ok: true, hour, minute };
    case 'am':
    case 'pm':
      // 12am is midnight and 12pm is noon.
      if (hour < 1 || hour > 12) return fail('twelveHour');
      return { ok: true, hour: (hour % 12) + (time.clock === 'pm' ? 12 : 0), minute };
    case '午前':
    case '午後':
      // 午前0時 is midnight and 午後0時 noon; 午前12時 means noon to some and midnight to others.
      if (hour > 11) return fail('twelveHour');
      return { ok: true, hour: hour + (time.clock === '午後' ? 12 : 0), minute };
  }
}

function fail<E extends ScheduleInputError>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/**
 * Reads a weekly time like `fri 16:00`, `Friday 4pm`, `Freitags um 16 Uhr`, `vendredi 16h30`,
 * `viernes a las 16:00`, `sexta-feira 16h`, `金曜日の16時30分`, `mon 12am` (= 00:00), in the
 * person's `language` (English is always understood too).
 */
export function parseScheduleText(text: string, language: ScheduleLanguage = 'en'): ParseScheduleResult {
  const input = typeof text === 'string' ? normalize(text) : '';
  if (input === '') return fail('empty');
  if (input.length > MAX_INPUT) return fail('unreadable');
  const timeStart = input.search(/\d|午前|午後/);
  const dayPart = timeStart === -1 ? input : input.slice(0, timeStart);
  const timePart = timeStart === -1 ? '' : input.slice(timeStart).trim();
  const dayWord = readDayWord(dayPart);
  if (dayWord === undefined) return fail('unreadable');
  if (timePart === '') {
    // A day with no time: say which part is missing only if the day itself is readable.
    return dayWord !== '' && findWeekday(dayWord, language) !== undefined
      ? fail('noTime')
      : fail('unreadable');
  }
  const time = readTime(timePart);
  if (time === undefined) return fail('unreadable');
  if (dayWord === '') {
    // A time with no day: say which part is missing only if the time itself is readable.
    const checked = checkTime(time);
    return checked.ok ? fail('noDay') : checked;
  }
  const weekday = findWeekday(dayWord, language);
  if (weekday === undefined) return fail('unknownDay');
  const checked = checkTime(time);
  if (!checked.ok) return checked;
  return { ok: true, schedule: { weekday, hour: checked.hour, minute: checked.minute } };
}

/**
 * Reads the number of weeks for `/reflect pause [weeks]`; empty means 1 week. The unit may follow
 * in any language: `2 weeks`, `2 Wochen`, `2 semaines`, `2 semanas`, `2週間`.
 */
export function parsePauseWeeks(text: string): ParsePauseResult {
  const input = typeof text === 'string' ? normalize(text) : '';
  if (input === '') return { ok: true, weeks: 1 };
  const match = /^(\d{1,3})(?:\s?(?:w|wk|wks|weeks?|wo|wochen?|sem|semaines?|semanas?|週|週間)\.?)?$/.exec(
    input,
  );
  if (match === null) return fail('pauseWeeks');
  const weeks = Number(match[1]);
  if (weeks < MIN_PAUSE_WEEKS || weeks > MAX_PAUSE_WEEKS) return fail('pauseWeeks');
  return { ok: true, weeks };
}
