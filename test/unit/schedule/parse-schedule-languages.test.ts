import { describe, expect, it } from 'vitest';
import {
  parseScheduleText,
  type ScheduleLanguage,
  type ScheduleTextError,
} from '#src/schedule/parse-schedule.ts';

const LANGUAGES: ScheduleLanguage[] = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja'];
const OTHER_THAN_ENGLISH = LANGUAGES.filter((language) => language !== 'en');

function at(weekday: number, hour: number, minute: number) {
  return { ok: true, schedule: { weekday, hour, minute } };
}

describe('each language reads its own weekdays and time forms', () => {
  it.each<[ScheduleLanguage, string, number, number, number]>([
    // German: names, Mo..So, adverbs (freitags), Uhr, 16.00, am/um.
    ['de', 'freitag 16:00', 5, 16, 0],
    ['de', 'Freitags um 16 Uhr', 5, 16, 0],
    ['de', 'fr 16:00', 5, 16, 0],
    ['de', 'Fr. 16:00', 5, 16, 0],
    ['de', 'Freitag, 16:00', 5, 16, 0],
    ['de', 'am Freitag um 16:30 Uhr', 5, 16, 30],
    ['de', 'jeden Freitag 16 Uhr 30', 5, 16, 30],
    ['de', 'Fr 16.00', 5, 16, 0],
    ['de', 'Montag 9:00', 1, 9, 0],
    ['de', 'mo 9 Uhr', 1, 9, 0],
    ['de', 'montags 0 Uhr', 1, 0, 0],
    ['de', 'Dienstag 8:15', 2, 8, 15],
    ['de', 'di 8:15', 2, 8, 15],
    ['de', 'dienstags um 8 Uhr', 2, 8, 0],
    ['de', 'Mittwoch 12:00', 3, 12, 0],
    ['de', 'mi 12 Uhr', 3, 12, 0],
    ['de', 'mittwochs 12 Uhr', 3, 12, 0],
    ['de', 'Donnerstag 14:00', 4, 14, 0],
    ['de', 'do 14:00', 4, 14, 0],
    ['de', 'Do., 14 Uhr', 4, 14, 0],
    ['de', 'donnerstags 14 Uhr', 4, 14, 0],
    ['de', 'Samstag 10:00', 6, 10, 0],
    ['de', 'Sonnabend 10:00', 6, 10, 0],
    ['de', 'sonnabends 10 Uhr', 6, 10, 0],
    ['de', 'sa 10 Uhr', 6, 10, 0],
    ['de', 'Sonntag 23:59', 7, 23, 59],
    ['de', 'so 23:59', 7, 23, 59],
    ['de', 'sonntags 23 Uhr 59', 7, 23, 59],
    // French: names, lun. .. dim., lu .. di, plural, 16h, 16h30, 16 h, 16 heures, à.
    ['fr', 'vendredi 16h', 5, 16, 0],
    ['fr', 'vendredi 16h30', 5, 16, 30],
    ['fr', 'ven. 16:00', 5, 16, 0],
    ['fr', 've 16h', 5, 16, 0],
    ['fr', 'Vendredi à 16 h', 5, 16, 0],
    ['fr', 'le vendredi à 16h00', 5, 16, 0],
    ['fr', 'tous les vendredis à 16h', 5, 16, 0],
    ['fr', 'chaque vendredi 16 heures', 5, 16, 0],
    ['fr', 'lundi 9h', 1, 9, 0],
    ['fr', 'lun. 9h05', 1, 9, 5],
    ['fr', 'lu 9h', 1, 9, 0],
    ['fr', 'mardi 8h15', 2, 8, 15],
    ['fr', 'mar 8h15', 2, 8, 15],
    ['fr', 'ma 8h15', 2, 8, 15],
    ['fr', 'mercredi 12h', 3, 12, 0],
    ['fr', 'mer. 12h', 3, 12, 0],
    ['fr', 'me 12h', 3, 12, 0],
    ['fr', 'jeudi 14h', 4, 14, 0],
    ['fr', 'jeu 14h', 4, 14, 0],
    ['fr', 'je 14h', 4, 14, 0],
    ['fr', 'samedi 10h', 6, 10, 0],
    ['fr', 'sam. 10h', 6, 10, 0],
    ['fr', 'sa 10h', 6, 10, 0],
    ['fr', 'dimanche 0h', 7, 0, 0],
    ['fr', 'dim 0h00', 7, 0, 0],
    ['fr', 'di 23h59', 7, 23, 59],
    // Spanish: names with and without accents, lun .. dom, lu .. do, a las, 16:00 h.
    ['es', 'viernes 16:00', 5, 16, 0],
    ['es', 'vie 16:00', 5, 16, 0],
    ['es', 'viernes a las 16:00', 5, 16, 0],
    ['es', 'los viernes a las 16:30 h', 5, 16, 30],
    ['es', 'cada viernes 16 h', 5, 16, 0],
    ['es', 'vi 16:00', 5, 16, 0],
    ['es', 'viernes 4 p. m.', 5, 16, 0],
    ['es', 'lunes 9:00', 1, 9, 0],
    ['es', 'lun 9:00', 1, 9, 0],
    ['es', 'lu 9:00', 1, 9, 0],
    ['es', 'martes 8:15', 2, 8, 15],
    ['es', 'mar 8:15', 2, 8, 15],
    ['es', 'ma 8:15', 2, 8, 15],
    ['es', 'miércoles 12:00', 3, 12, 0],
    ['es', 'miercoles 12:00', 3, 12, 0],
    ['es', 'MIÉRCOLES 12:00', 3, 12, 0],
    ['es', 'mié 12:00', 3, 12, 0],
    ['es', 'mie 12:00', 3, 12, 0],
    ['es', 'mier 12:00', 3, 12, 0],
    ['es', 'mi 12:00', 3, 12, 0],
    ['es', 'jueves 14:00', 4, 14, 0],
    ['es', 'jue 14:00', 4, 14, 0],
    ['es', 'ju 14:00', 4, 14, 0],
    ['es', 'sábado 10:00', 6, 10, 0],
    ['es', 'los sabados a las 10:00', 6, 10, 0],
    ['es', 'sáb 10:00', 6, 10, 0],
    ['es', 'sa 10:00', 6, 10, 0],
    ['es', 'domingo 23:59', 7, 23, 59],
    ['es', 'todos los domingos a las 23:59', 7, 23, 59],
    ['es', 'dom 23:59', 7, 23, 59],
    ['es', 'do 23:59', 7, 23, 59],
    // Brazilian Portuguese: segunda(-feira) .. domingo, seg .. dom, às, 16h.
    ['pt-BR', 'sexta 16h', 5, 16, 0],
    ['pt-BR', 'sexta-feira 16:00', 5, 16, 0],
    ['pt-BR', 'sexta feira 16:00', 5, 16, 0],
    ['pt-BR', 'sex 16:00', 5, 16, 0],
    ['pt-BR', 'sex. 16h30', 5, 16, 30],
    ['pt-BR', 'sexta às 16h', 5, 16, 0],
    ['pt-BR', 'sexta as 16h', 5, 16, 0],
    ['pt-BR', 'todas as sextas-feiras às 16h30', 5, 16, 30],
    ['pt-BR', 'às sextas às 16 horas', 5, 16, 0],
    ['pt-BR', 'segunda-feira 9h', 1, 9, 0],
    ['pt-BR', 'segunda 9h', 1, 9, 0],
    ['pt-BR', 'seg 9h', 1, 9, 0],
    ['pt-BR', 'terça-feira 8h15', 2, 8, 15],
    ['pt-BR', 'terca 8h15', 2, 8, 15],
    ['pt-BR', 'ter 8h15', 2, 8, 15],
    ['pt-BR', 'quarta-feira 12h', 3, 12, 0],
    ['pt-BR', 'quarta 12h', 3, 12, 0],
    ['pt-BR', 'qua 12h', 3, 12, 0],
    ['pt-BR', 'quinta-feira 14h', 4, 14, 0],
    ['pt-BR', 'quinta 14h', 4, 14, 0],
    ['pt-BR', 'qui 14h', 4, 14, 0],
    ['pt-BR', 'sábado 10h', 6, 10, 0],
    ['pt-BR', 'aos sábados 10h', 6, 10, 0],
    ['pt-BR', 'sab 10h', 6, 10, 0],
    ['pt-BR', 'domingo 23:59', 7, 23, 59],
    ['pt-BR', 'dom 23h59', 7, 23, 59],
    // Japanese: 金曜日 / 金曜 / 金, 時・分・半, 午前・午後, full-width digits, particles, 毎週.
    ['ja', '金曜 16:00', 5, 16, 0],
    ['ja', '金曜日 16時', 5, 16, 0],
    ['ja', '金 16:30', 5, 16, 30],
    ['ja', '金曜日の16時30分', 5, 16, 30],
    ['ja', '金曜日 １６：００', 5, 16, 0],
    ['ja', '金曜日　１６時', 5, 16, 0],
    ['ja', '毎週金曜日16時', 5, 16, 0],
    ['ja', '金曜日の午後4時', 5, 16, 0],
    ['ja', '金曜 午後4時半', 5, 16, 30],
    ['ja', '金曜日 午後4:05', 5, 16, 5],
    ['ja', '（金）16時', 5, 16, 0],
    ['ja', 'きんようび 16時', 5, 16, 0],
    ['ja', '月曜日 午前9時', 1, 9, 0],
    ['ja', '月 9時5分', 1, 9, 5],
    ['ja', '火曜日 8時15分', 2, 8, 15],
    ['ja', '火 8:15', 2, 8, 15],
    ['ja', '水曜 午後0時', 3, 12, 0],
    ['ja', '水 12時', 3, 12, 0],
    ['ja', '木曜日に14時', 4, 14, 0],
    ['ja', '木 14時', 4, 14, 0],
    ['ja', '土曜日 10時', 6, 10, 0],
    ['ja', '土 10:00', 6, 10, 0],
    ['ja', '日曜日 午前0時', 7, 0, 0],
    ['ja', '日 23時59分', 7, 23, 59],
    ['ja', '日曜 午後11時59分', 7, 23, 59],
    // English, now with the 24-hour forms too.
    ['en', 'fri 16h', 5, 16, 0],
    ['en', 'every friday at 16.30', 5, 16, 30],
    ['en', 'on Fridays at 4 pm', 5, 16, 0],
  ])('%s %j -> weekday %i %i:%i', (language, text, weekday, hour, minute) => {
    expect(parseScheduleText(text, language)).toEqual(at(weekday, hour, minute));
  });
});

describe('weekday names as Intl writes them (what a localised schedule line shows)', () => {
  const monday = Date.UTC(2024, 0, 1);
  for (const language of LANGUAGES) {
    for (const style of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat(language, { weekday: style, timeZone: 'UTC' });
      it(`${language} ${style} names are read in ${language}`, () => {
        for (let weekday = 1; weekday <= 7; weekday++) {
          const name = format.format(new Date(monday + (weekday - 1) * 86_400_000));
          expect(parseScheduleText(`${name} 16:05`, language), name).toEqual(at(weekday, 16, 5));
        }
      });
    }
    it(`${language} long names are understood whatever the person's language`, () => {
      const format = new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' });
      for (const personLanguage of LANGUAGES) {
        for (let weekday = 1; weekday <= 7; weekday++) {
          const name = format.format(new Date(monday + (weekday - 1) * 86_400_000));
          expect(parseScheduleText(`${name} 9:30`, personLanguage), `${personLanguage}: ${name}`).toEqual(
            at(weekday, 9, 30),
          );
        }
      }
    });
  }

  it.each<[ScheduleLanguage, string]>([
    ['de', 'Freitag, 16:05'],
    ['es', 'viernes, 16:05'],
    ['pt-BR', 'sexta-feira, 16:05'],
    ['fr', 'vendredi 16 h 05'],
    ['ja', '金曜日 午後4:05'],
  ])('%s %j', (language, text) => {
    expect(parseScheduleText(text, language)).toEqual(at(5, 16, 5));
  });
});

describe('English is always understood, and other languages’ full names when unambiguous', () => {
  it.each(OTHER_THAN_ENGLISH)('a %s speaker can type "fri 16:00", "Friday 4pm", "thurs 9am"', (language) => {
    expect(parseScheduleText('fri 16:00', language)).toEqual(at(5, 16, 0));
    expect(parseScheduleText('Friday 4pm', language)).toEqual(at(5, 16, 0));
    expect(parseScheduleText('thurs 9am', language)).toEqual(at(4, 9, 0));
  });

  it.each<[ScheduleLanguage, string, number]>([
    ['en', 'freitags 16 Uhr', 5],
    ['en', 'vendredi 16h', 5],
    ['en', 'miercoles 12:00', 3],
    ['en', 'sextas-feiras 16h', 5],
    ['en', '金曜日 16時', 5],
    ['en', '金曜 16:00', 5],
    ['de', 'vendredi 16h', 5],
    ['fr', 'Freitag 16 Uhr', 5],
    ['ja', 'sexta-feira 16:00', 5],
    ['pt-BR', 'sábado 10h', 6],
    ['es', 'domingo 10:00', 7],
  ])('%s reads %j', (language, text, weekday) => {
    const result = parseScheduleText(text, language);
    expect(result.ok && result.schedule.weekday).toBe(weekday);
  });
});

describe('short forms of other languages are not read where they clash', () => {
  // Each row: the text, then the weekday (or error) for en, de, fr, es, pt-BR, ja.
  const U = 'unknownDay';
  it.each<[string, (number | 'unknownDay')[]]>([
    ['do 16:00', [U, 4, U, 7, U, U]], // Donnerstag vs domingo
    ['di 16:00', [U, 2, 7, U, U, U]], // Dienstag vs dimanche
    ['mi 16:00', [U, 3, U, 3, U, U]],
    ['sa 16:00', [U, 6, 6, 6, U, U]],
    ['so 16:00', [U, 7, U, U, U, U]],
    ['ma 16:00', [U, U, 2, 2, U, U]],
    ['mar 16:00', [U, U, 2, 2, U, U]],
    ['me 16:00', [U, U, 3, U, U, U]],
    ['ven 16:00', [U, U, 5, U, U, U]],
    ['vie 16:00', [U, U, U, 5, U, U]],
    ['sam 16:00', [U, U, 6, U, U, U]],
    ['sex 16:00', [U, U, U, U, 5, U]],
    ['sab 16:00', [U, U, U, 6, 6, U]],
    ['dom 16:00', [U, U, U, 7, 7, U]],
    ['qui 16:00', [U, U, U, U, 4, U]],
    ['金 16:00', [U, U, U, U, U, 5]],
    ['日 16:00', [U, U, U, U, U, 7]],
    ['mon 16:00', [1, 1, 1, 1, 1, 1]],
    ['sun 16:00', [7, 7, 7, 7, 7, 7]],
  ])('%j', (text, expected) => {
    LANGUAGES.forEach((language, index) => {
      const want = expected[index];
      const result = parseScheduleText(text, language);
      if (want === 'unknownDay') expect(result, language).toEqual({ ok: false, error: 'unknownDay' });
      else expect(result, language).toEqual(at(want ?? 0, 16, 0));
    });
  });
});

describe('wrong input in each language gives the right code', () => {
  it.each<[ScheduleLanguage, string, ScheduleTextError]>([
    ['de', '', 'empty'],
    ['de', 'freitag', 'noTime'],
    ['de', 'Freitags um', 'noTime'],
    ['de', '16 Uhr', 'noDay'],
    ['de', 'um 16:30 Uhr', 'noDay'],
    ['de', 'freitag 25 Uhr', 'hours'],
    ['de', 'freitag 24:00', 'hours'],
    ['de', 'freitag 16:60 Uhr', 'minutes'],
    ['de', 'freitag 16', 'amOrPm'],
    ['de', 'freitag 13pm', 'twelveHour'],
    ['de', 'freutag 16:00', 'unknownDay'],
    ['de', 'freitag 16:30 Uhr 30', 'unreadable'],
    ['de', 'freitag sechzehn Uhr', 'unreadable'],
    ['fr', '  ', 'empty'],
    ['fr', 'vendredi', 'noTime'],
    ['fr', 'ven.', 'noTime'],
    ['fr', '16h', 'noDay'],
    ['fr', 'vendredi 24h', 'hours'],
    ['fr', 'vendredi 16h75', 'minutes'],
    ['fr', 'vendredi 16', 'amOrPm'],
    ['fr', 'vendrdi 16h', 'unknownDay'],
    ['fr', 'vendredi 16h30h', 'unreadable'],
    ['fr', 'vendredi 16h5', 'unreadable'],
    ['es', 'viernes', 'noTime'],
    ['es', 'a las 16:00', 'noDay'],
    ['es', 'viernes 25:00', 'hours'],
    ['es', 'viernes 16:61', 'minutes'],
    ['es', 'viernes a las 4', 'amOrPm'],
    ['es', 'viernes 0 p. m.', 'twelveHour'],
    ['es', 'vernes 16:00', 'unknownDay'],
    ['es', 'viernes a las cuatro', 'unreadable'],
    ['pt-BR', 'sexta-feira', 'noTime'],
    ['pt-BR', 'às 16h', 'noDay'],
    ['pt-BR', 'sexta 24h', 'hours'],
    ['pt-BR', 'sexta 16h60', 'minutes'],
    ['pt-BR', 'sexta às 4', 'amOrPm'],
    ['pt-BR', 'sexto 16h', 'unknownDay'],
    ['pt-BR', 'sexta 16h 30min', 'unreadable'],
    ['ja', '金曜日', 'noTime'],
    ['ja', '毎週金曜日', 'noTime'],
    ['ja', '16時', 'noDay'],
    ['ja', '午後4時', 'noDay'],
    ['ja', '金曜日 25時', 'hours'],
    ['ja', '金曜日 16時60分', 'minutes'],
    ['ja', '金曜日 午後12時', 'twelveHour'],
    ['ja', '金曜日 午前13時', 'twelveHour'],
    ['ja', '金曜日 16', 'amOrPm'],
    ['ja', '金星 16:00', 'unknownDay'],
    ['ja', '金曜日 十六時', 'unreadable'],
    ['ja', '金曜日 16時 30分', 'unreadable'],
  ])('%s %j -> %s', (language, text, error) => {
    expect(parseScheduleText(text, language)).toEqual({ ok: false, error });
  });
});

describe('input length', () => {
  it('reads up to 40 characters after spaces are collapsed, and no more', () => {
    const fill = `every ${'on '.repeat(7)}`;
    expect(`${fill}friday 16:00h`).toHaveLength(40);
    expect(parseScheduleText(`${fill}friday 16:00h`)).toEqual(at(5, 16, 0));
    expect(`${fill}friday 16:00 h`).toHaveLength(41);
    expect(parseScheduleText(`${fill}friday 16:00 h`)).toEqual({ ok: false, error: 'unreadable' });
    expect(parseScheduleText(`  fri${' '.repeat(200)}16:00  `)).toEqual(at(5, 16, 0));
    expect(parseScheduleText('  todas  as  sextas-feiras  às  16h30  ', 'pt-BR')).toEqual(at(5, 16, 30));
  });

  it.each(LANGUAGES)('a long text in %s is refused without reading it', (language) => {
    expect(parseScheduleText(`${'金曜日 '.repeat(20)}16時`, language)).toEqual({
      ok: false,
      error: 'unreadable',
    });
    expect(parseScheduleText(`freitag ${'16 Uhr '.repeat(10)}`, language)).toEqual({
      ok: false,
      error: 'unreadable',
    });
  });
});

describe('odd text is refused, never thrown on or half-read', () => {
  it.each([
    ['\u0000 16:00', 'unreadable'],
    ['\ud800 16:00', 'unreadable'],
    ['fri 16:00 \u202e', 'unreadable'],
    ['🎉 16:00', 'unreadable'],
    ['fri 🎉', 'unreadable'],
    ['<@U123> 16:00', 'unreadable'],
    ['*fri* 16:00', 'unreadable'],
    ['fri\n16:00\n', null],
    ['\u3000金曜日\u3000１６時\u3000', null],
  ])('%j', (text, error) => {
    for (const language of LANGUAGES) {
      expect(parseScheduleText(text, language), language).toEqual(
        error === null ? at(5, 16, 0) : { ok: false, error },
      );
    }
  });
});
