import { describe, expect, it } from 'vitest';
import { refusalText } from '#messages/recognition-replies.ts';
import {
  containsBroadcast,
  mentionLabels,
  onlyMention,
  parseRecognition,
  takeDimension,
  toSafeMrkdwn,
} from '#src/recognition/parse-recognition.ts';
import { MAX_RECOGNITION_CHARS } from '#src/recognition/recognition-limits.ts';

const context = { giverId: 'UGIVER', botUserId: 'UBOT1' };
const parse = (text: string) => parseRecognition(text, context);

describe('parseRecognition', () => {
  it('reads one mention, the words and a #mind tag', () => {
    expect(parse('<@U1|ann> shipped the fix #mind')).toEqual({
      kind: 'post',
      recipients: ['U1'],
      words: 'shipped the fix',
      dimension: 'mind',
    });
  });

  it('defaults to heart and reads #soul/#heart/#mind anywhere, case-insensitively', () => {
    expect(parse('<@U1> stayed late to help')).toMatchObject({ kind: 'post', dimension: 'heart' });
    const tagged = parse('<@U1> #SOUL did the right thing');
    expect(tagged).toMatchObject({ kind: 'post', dimension: 'soul', words: 'did the right thing' });
  });

  it('reads a #mind that Slack escaped as a channel link', () => {
    expect(parse('<@U1> solved it <#C123|mind>')).toMatchObject({ dimension: 'mind', words: 'solved it' });
  });

  it('takes several leading mentions, with commas and "and" between them', () => {
    expect(parse('<@U1|a>, <@U2|b> and <@U3|c> shipped the release')).toMatchObject({
      kind: 'post',
      recipients: ['U1', 'U2', 'U3'],
      words: 'shipped the release',
    });
    expect(parse('<@U1> <@U1> thanks')).toMatchObject({ recipients: ['U1'] });
  });

  it('takes mentions inside the words when none lead ("huge thanks to @ann")', () => {
    expect(parse('huge thanks to <@U1|ann> for the fix')).toMatchObject({
      kind: 'post',
      recipients: ['U1'],
      words: 'huge thanks to <@U1|ann> for the fix',
    });
  });

  it('keeps later mentions in the words without making them recipients', () => {
    expect(parse('<@U1> paired with <@U2|bob> on the outage')).toMatchObject({
      recipients: ['U1'],
      words: 'paired with <@U2|bob> on the outage',
    });
  });

  it('opens the form when nobody is named or nothing is said', () => {
    expect(parse('')).toMatchObject({ kind: 'form', reason: 'no-recipient', recipients: [], words: '' });
    expect(parse('shipped the fix')).toMatchObject({
      kind: 'form',
      reason: 'no-recipient',
      words: 'shipped the fix',
    });
    expect(parse('<@U1|ann>')).toMatchObject({ kind: 'form', reason: 'no-words', recipients: ['U1'] });
    expect(parse('<@U1|ann> #mind')).toMatchObject({ kind: 'form', reason: 'no-words', dimension: 'mind' });
  });

  it('refuses self-recognition and the bot', () => {
    expect(parse('<@UGIVER|me> did great')).toEqual({
      kind: 'refused',
      reason: 'self',
      message: refusalText('self'),
    });
    expect(parse('<@UBOT1|throughline> works well')).toMatchObject({ kind: 'refused', reason: 'bot' });
    expect(parse('<@USLACKBOT> reminders')).toMatchObject({ kind: 'refused', reason: 'bot' });
  });

  it.each([
    '<@U1> <!channel> look what they did',
    '<@U1> thanks <!here>',
    '<!here|here> <@U1> thanks',
    '<@U1> thanks <!everyone>',
    '<@U1> thanks @everyone',
    '<@U1> thanks @channel',
    '@here <@U1> thanks',
  ])('refuses a broadcast so nothing can ping the channel: %s', (text) => {
    const parsed = parse(text);
    expect(parsed).toMatchObject({ kind: 'refused', reason: 'broadcast' });
    expect(parsed.kind === 'refused' && parsed.message).toContain('ping');
  });

  it('does not mistake an email address for a broadcast', () => {
    expect(containsBroadcast('write to help@here.com')).toBe(false);
    expect(containsBroadcast('ann@channel.io')).toBe(false);
  });

  it('refuses 4,000 characters with the count and the limit', () => {
    const parsed = parse(`<@U1> ${'x'.repeat(4000)}`);
    expect(parsed).toMatchObject({ kind: 'refused', reason: 'too-long' });
    expect(parsed.kind === 'refused' && parsed.message).toContain('4,006 characters');
    expect(parsed.kind === 'refused' && parsed.message).toContain('1,000');
    expect(parse(`<@U1> ${'x'.repeat(MAX_RECOGNITION_CHARS)}`).kind).toBe('post');
    expect(parse(`<@U1> ${'x'.repeat(MAX_RECOGNITION_CHARS + 1)}`).kind).toBe('refused');
  });

  it('refuses user groups as recipients and more than 10 people', () => {
    expect(parse('<!subteam^S1|@design> shipped it')).toMatchObject({ kind: 'refused', reason: 'group' });
    const eleven = Array.from({ length: 11 }, (_, i) => `<@U${i + 10}>`).join(' ');
    expect(parse(`${eleven} thanks`)).toMatchObject({ kind: 'refused', reason: 'too-many' });
  });

  it('refuses a plain @name Slack could not resolve, naming it safely', () => {
    const parsed = parse('@nobody` shipped');
    expect(parsed).toMatchObject({ kind: 'refused', reason: 'unknown-name' });
    expect(parsed.kind === 'refused' && parsed.message).toContain('`@nobody`');
  });

  it('ignores prototype-looking words and odd input types', () => {
    expect(parse('constructor')).toMatchObject({ kind: 'form' });
    expect(parseRecognition(undefined as unknown as string, context)).toMatchObject({ kind: 'form' });
  });
});

describe('toSafeMrkdwn', () => {
  it('keeps user mentions (with their label), channel links and URLs; neutralises groups and other tokens', () => {
    expect(toSafeMrkdwn('<@U1|ann> in <#C1|general> see <https://x.io|the doc>')).toBe(
      '<@U1|ann> in <#C1> see <https://x.io>',
    );
    // A link never hides where it goes behind a label.
    expect(toSafeMrkdwn('<https://evil.example/login|https://sso.mycorp.com>')).toBe(
      '<https://evil.example/login>',
    );
    expect(toSafeMrkdwn('<mailto:a@b.example|the CEO>')).toBe('<mailto:a@b.example>');
    // Stray brackets around a token are text: no labelled link can be rebuilt around a mention.
    expect(toSafeMrkdwn('<https://x.example|<@U6>> done')).toBe('&lt;https://x.example|<@U6>&gt; done');
    expect(toSafeMrkdwn('thanks <!subteam^S1|@design> and <!date^1|Monday>')).toBe(
      'thanks @design and Monday',
    );
    expect(toSafeMrkdwn('a &lt;b&gt; &amp; c')).toBe('a &lt;b&gt; &amp; c');
  });
});

describe('takeDimension', () => {
  it('uses the first tag and removes all of them', () => {
    expect(takeDimension('#heart did it #mind')).toEqual({ words: 'did it', dimension: 'heart' });
    expect(takeDimension('no tag#mind here')).toEqual({ words: 'no tag#mind here', dimension: 'heart' });
  });
});

describe('onlyMention', () => {
  it('keeps the giver and recipients as mentions; names everyone else without a ping', () => {
    const words = 'with <@U1|ann>, <@U2|bob>, <@U3> and <@U4|@dee> and <@UGIVER>';
    expect(mentionLabels(words)).toEqual(
      new Map([
        ['U1', 'ann'],
        ['U2', 'bob'],
        ['U4', 'dee'],
      ]),
    );
    expect(onlyMention(words, ['UGIVER', 'U1'], new Map([['U3', 'Cy &amp; Co']]))).toBe(
      'with <@U1>, @bob, @Cy &amp; Co and @dee and <@UGIVER>',
    );
    expect(onlyMention('thanks <@U9>', ['U1'])).toBe('thanks @someone');
  });
});
