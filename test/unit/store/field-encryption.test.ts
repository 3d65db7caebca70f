import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, FieldDecryptError, keyIdOf } from '#src/store/field-encryption.ts';

const key = randomBytes(32);
const other = randomBytes(32);
const context = 'T1|U1|2026-W48|answer:soul-p-01';

function decryptError(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof FieldDecryptError ? error.code : 'other';
  }
}

describe('field encryption', () => {
  it('round-trips text with AES-256-GCM, a fresh IV each time, and names its key', () => {
    const cipher = createFieldCipher({ key });
    const text = 'I listened to Sam before deciding. <@U2> <!channel> ünïcødé 🙂';
    const a = cipher.seal(text, context);
    const b = cipher.seal(text, context);
    expect(a).not.toContain('listened');
    expect(a).not.toBe(b);
    expect(a.split(':')).toHaveLength(5);
    expect(a.startsWith(`e1:${keyIdOf(key)}:`)).toBe(true);
    expect(cipher.sealedWith(a)).toBe(keyIdOf(key));
    expect(cipher.open(a, context)).toBe(text);
    expect(cipher.open(cipher.seal('', context), context)).toBe('');
  });

  it('refuses a value moved to another place, tampered with, or sealed with an unknown key', () => {
    const cipher = createFieldCipher({ key });
    const sealed = cipher.seal('private', context);
    expect(decryptError(() => cipher.open(sealed, 'T1|U2|2026-W48|answer:soul-p-01'))).toBe(
      'authentication_failed',
    );
    const parts = sealed.split(':');
    const data = Buffer.from(parts[4] ?? '', 'base64url');
    data[0] = (data[0] ?? 0) ^ 1;
    parts[4] = data.toString('base64url');
    expect(decryptError(() => cipher.open(parts.join(':'), context))).toBe('authentication_failed');
    expect(decryptError(() => createFieldCipher({ key: other }).open(sealed, context))).toBe('unknown_key');
    expect(decryptError(() => createFieldCipher().open(sealed, context))).toBe('no_key');
    expect(decryptError(() => cipher.open('garbage', context))).toBe('malformed');
  });

  it('without a key stores plain text with a marker, readable after a key is configured', () => {
    const plain = createFieldCipher();
    expect(plain.encrypting).toBe(false);
    const stored = plain.seal('hello', context);
    expect(stored).toBe('p:hello');
    expect(createFieldCipher({ key }).open(stored, context)).toBe('hello');
    expect(plain.sealedWith(stored)).toBe('plain');
  });

  it('rotation: values sealed with a previous key still open; new values use the current key', () => {
    const before = createFieldCipher({ key: other });
    const old = before.seal('sealed before rotation', context);
    const after = createFieldCipher({ key, previousKeys: [other] });
    expect(after.open(old, context)).toBe('sealed before rotation');
    expect(after.sealedWith(after.seal('new', context))).toBe(keyIdOf(key));
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => createFieldCipher({ key: randomBytes(16) })).toThrow(RangeError);
    expect(() => createFieldCipher({ key, previousKeys: [randomBytes(31)] })).toThrow(RangeError);
  });
});
