import { describe, expect, it } from 'vitest';
import { passwordMatches } from '#src/admin/queue-dashboard.ts';

const PASSWORD = 'a-long-dashboard:password';
const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('passwordMatches (digests compared in constant time)', () => {
  it('accepts the password with any user name, a colon inside the password included', () => {
    expect(passwordMatches(basic(`admin:${PASSWORD}`), PASSWORD)).toBe(true);
    expect(passwordMatches(basic(`:${PASSWORD}`), PASSWORD)).toBe(true);
  });

  it('refuses guesses of every length alike, and headers that are not Basic auth', () => {
    for (const guess of ['', 'a', 'a-long-dashboard:passwore', `${PASSWORD}x`, 'x'.repeat(10_000)]) {
      expect(passwordMatches(basic(`admin:${guess}`), PASSWORD)).toBe(false);
    }
    expect(passwordMatches(undefined, PASSWORD)).toBe(false);
    expect(passwordMatches(`Bearer ${PASSWORD}`, PASSWORD)).toBe(false);
    expect(passwordMatches('Basic !!!', PASSWORD)).toBe(false);
  });
});
