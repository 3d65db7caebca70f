import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for the free text people write (reflection answers and intentions).
 *
 * With a key: AES-256-GCM, a fresh 12-byte IV per value, and the value's place (team, user, week,
 * field) as additional authenticated data, so a ciphertext copied to another person's record or
 * another field does not decrypt. Each sealed value names the key that sealed it (a short id
 * derived from the key), so a rotated-out key can still open old values when it is listed in
 * `previousKeys`.
 *
 * Without a key: values are stored as plain text, with a marker, so turning encryption on later
 * keeps old values readable (they are sealed when next saved).
 *
 * Formats (no ':' inside the base64url parts):
 *   plain   `p:<text>`
 *   sealed  `e1:<key id, 8 hex>:<iv>:<auth tag>:<ciphertext>`
 */

const PLAIN = 'p:';
const SEALED_V1 = 'e1';
const KEY_BYTES = 32;

export class FieldDecryptError extends Error {
  readonly code: 'unknown_key' | 'malformed' | 'authentication_failed' | 'no_key';
  constructor(code: FieldDecryptError['code'], message: string) {
    super(message);
    this.name = 'FieldDecryptError';
    this.code = code;
  }
}

export interface FieldCipher {
  /** True when new values are encrypted. */
  readonly encrypting: boolean;
  /** The id of the key new values are sealed with (undefined without a key). */
  readonly keyId: string | undefined;
  /** Seals `plain` for the place named by `context` (e.g. `T1|U1|2026-W05|answer-0`). */
  seal(plain: string, context: string): string;
  /** Opens a value sealed by `seal` for the same context. Throws FieldDecryptError. */
  open(sealed: string, context: string): string;
  /** The key id a stored value was sealed with, or 'plain' for an unencrypted value. */
  sealedWith(sealed: string): string;
}

/** A short, stable, non-secret id for a key (first 8 hex digits of a domain-separated SHA-256). */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('throughline/field-key-id/v1').update(key).digest('hex').slice(0, 8);
}

function checkKey(key: Buffer, what: string): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`${what} must be ${KEY_BYTES} bytes, got ${key.length}`);
}

export function createFieldCipher(
  options: { key?: Buffer; previousKeys?: readonly Buffer[] } = {},
): FieldCipher {
  const { key } = options;
  if (key) checkKey(key, 'the encryption key');
  const decryptKeys = new Map<string, Buffer>();
  for (const previous of options.previousKeys ?? []) {
    checkKey(previous, 'a previous encryption key');
    decryptKeys.set(keyIdOf(previous), previous);
  }
  const currentId = key ? keyIdOf(key) : undefined;
  if (key && currentId) decryptKeys.set(currentId, key);

  return {
    encrypting: key !== undefined,
    keyId: currentId,
    seal(plain, context) {
      if (!key || !currentId) return `${PLAIN}${plain}`;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        SEALED_V1,
        currentId,
        iv.toString('base64url'),
        tag.toString('base64url'),
        ciphertext.toString('base64url'),
      ].join(':');
    },
    open(sealed, context) {
      if (sealed.startsWith(PLAIN)) return sealed.slice(PLAIN.length);
      const parts = sealed.split(':');
      if (parts.length !== 5 || parts[0] !== SEALED_V1) {
        throw new FieldDecryptError('malformed', 'stored value is neither plain nor sealed');
      }
      const [, id, ivText, tagText, dataText] = parts as [string, string, string, string, string];
      const openingKey = decryptKeys.get(id);
      if (!openingKey) {
        throw new FieldDecryptError(
          decryptKeys.size === 0 ? 'no_key' : 'unknown_key',
          `value was sealed with key ${id}, which is not configured`,
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', openingKey, Buffer.from(ivText, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tagText, 'base64url'));
        return Buffer.concat([
          decipher.update(Buffer.from(dataText, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new FieldDecryptError('authentication_failed', 'stored value failed authentication');
      }
    },
    sealedWith(sealed) {
      if (sealed.startsWith(PLAIN)) return 'plain';
      return sealed.split(':')[1] ?? 'unknown';
    },
  };
}
