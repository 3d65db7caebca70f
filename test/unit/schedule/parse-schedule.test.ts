import { describe, expect, it } from 'vitest';
import { formatSchedule } from '#messages/format-time.ts';
import { SCHEDULE_ERRORS } from '#messages/schedule-input-errors.ts';
import { parsePauseWeeks, parseScheduleText, type ScheduleTextError } from '#src/schedule/parse-schedule.ts';

describe('parseScheduleText accepts', () => {
  it.each([
    ['fri 16:00', 5, 16, 0],
    ['Friday 16:00', 5, 16, 0],
    ['fri 4pm', 5, 16, 0],
    ['fri 4:30pm', 5, 16, 30],
    ['friday 4 pm', 5, 16, 0],
    ['FRI 09:05', 5, 9, 5],
    ['fri 9:05', 5, 9, 5],
    ['thu 9am', 4, 9, 0],
    ['mon 12am', 1, 0, 0],
    ['mon 12pm', 1, 12, 0],
    ['mon 12:30am', 1, 0, 30],
    ['mon 11:59pm', 1, 23, 59],
    ['mon 00:00', 1, 0, 0],
    ['sun 23:59', 7, 23, 59],
    ['  Tue   8:15  ', 2, 8, 15],
    ['tues 10am', 2, 10, 0],
    ['tuesday 10:00', 2, 10, 0],
    ['wed 10am', 3, 10, 0],
    ['weds 10am', 3, 10, 0],
    ['Wednesday 10am', 3, 10, 0],
    ['thur 14:00', 4, 14, 0],
    ['thurs 2pm', 4, 14, 0],
    ['thursday 2 PM', 4, 14, 0],
    ['sat 10:00', 6, 10, 0],
    ['saturday 10am', 6, 10, 0],
    ['sunday 7pm', 7, 19, 0],
    ['Fridays at 16:00', 5, 16, 0],
    ['fri at 4pm', 5, 16, 0],
    ['fri 4 p.m.', 5, 16, 0],
  ])('%j -> weekday %i %i:%i', (text, weekday, hour, minute) => {
    expect(parseScheduleText(text)).toEqual({ ok: true, schedule: { weekday, hour, minute } });
  });
});

describe('parseScheduleText rejects with a code the caller turns into words', () => {
  it.each<[string, ScheduleTextError]>([
    ['31:99', 'minutes'],
    ['25:00', 'hours'],
    ['someday', 'unreadable'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['x'.repeat(500), 'unreadable'],
    ['fri '.repeat(125), 'unreadable'],
    ['fri', 'noTime'],
    ['Friday', 'noTime'],
    ['Fridays at', 'noTime'],
    ['16:00', 'noDay'],
    ['4pm', 'noDay'],
    ['at 4pm', 'noDay'],
    ['fri 13pm', 'twelveHour'],
    ['fri 0am', 'twelveHour'],
    ['fri 25:00', 'hours'],
    ['fri 24:00', 'hours'],
    ['fri 16:60', 'minutes'],
    ['fri 31:99', 'minutes'],
    ['fri 4', 'amOrPm'],
    ['fri 16', 'amOrPm'],
    ['fri 16:5', 'unreadable'],
    ['fri 4:30:00pm', 'unreadable'],
    ['fri -4pm', 'unreadable'],
    ['funday 16:00', 'unknownDay'],
    ['constructor 16:00', 'unknownDay'],
    ['toString 16:00', 'unknownDay'],
    ['__proto__ 16:00', 'unreadable'],
    ['fri 16:00 and mon 9:00', 'unreadable'],
    ['friday or monday 16:00', 'unreadable'],
  ])('%j -> %s', (text, error) => {
    expect(parseScheduleText(text)).toEqual({ ok: false, error });
  });

  it('has English words for every code (the call sites show SCHEDULE_ERRORS[code])', () => {
    const codes: Record<ScheduleTextError, true> = {
      empty: true,
      unreadable: true,
      noDay: true,
      noTime: true,
      unknownDay: true,
      minutes: true,
      amOrPm: true,
      hours: true,
      twelveHour: true,
    };
    expect(Object.keys(SCHEDULE_ERRORS).sort()).toEqual(Object.keys(codes).sort());
  });
});

describe('formatSchedule', () => {
  it.each([
    [{ weekday: 5, hour: 16, minute: 0 }, 'every Friday at 16:00'],
    [{ weekday: 1, hour: 9, minute: 5 }, 'every Monday at 09:05'],
    [{ weekday: 7, hour: 0, minute: 0 }, 'every Sunday at 00:00'],
    [{ weekday: 3, hour: 23, minute: 59 }, 'every Wednesday at 23:59'],
  ])('%o -> %s', (schedule, text) => {
    expect(formatSchedule(schedule)).toBe(text);
  });

  it('round-trips through the parser', () => {
    for (let weekday = 1; weekday <= 7; weekday++) {
      for (const [hour, minute] of [
        [0, 0],
        [9, 5],
        [12, 0],
        [23, 59],
      ] as const) {
        const schedule = { weekday, hour, minute };
        // The schedule as replies show it, less its leading "every", is what a person can type back.
        const shown = formatSchedule(schedule).replace(/^every /, '');
        expect(parseScheduleText(shown)).toEqual({ ok: true, schedule });
      }
    }
  });
});

describe('parsePauseWeeks', () => {
  it.each([
    ['', 1],
    ['   ', 1],
    ['1', 1],
    ['2', 2],
    [' 3 ', 3],
    ['12', 12],
    ['4 weeks', 4],
    ['1 week', 1],
    ['2w', 2],
  ])('%j -> %i weeks', (text, weeks) => {
    expect(parsePauseWeeks(text)).toEqual({ ok: true, weeks });
  });

  it.each([
    ['2 weeks', 2],
    ['2 Wochen', 2],
    ['1 Woche', 1],
    ['3 Wo.', 3],
    ['2 semaines', 2],
    ['1 semaine', 1],
    ['2 semanas', 2],
    ['1 semana', 1],
    ['2 sem.', 2],
    ['2週', 2],
    ['2週間', 2],
    ['２週間', 2],
    ['１２', 12],
  ])('%j -> %i weeks (units in every language)', (text, weeks) => {
    expect(parsePauseWeeks(text)).toEqual({ ok: true, weeks });
  });

  it.each([
    '0',
    '99',
    '13',
    '-1',
    '1.5',
    'abc',
    '2 days',
    '2 Tage',
    '2 jours',
    '2 días',
    '2 dias',
    '2日',
    '13 Wochen',
    '0週間',
    '1e1',
    '0x2',
    'x'.repeat(500),
  ])('rejects %j', (text) => {
    expect(parsePauseWeeks(text)).toEqual({ ok: false, error: 'pauseWeeks' });
  });
});
