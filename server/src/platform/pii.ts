import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The one place sensitive personal information (身份证号, phone, health, income, minors' data) is handled
 * (PIPL): AES-256-GCM at rest, a keyed hash (HMAC-SHA256) as blind index for exact lookup and de-duplication, and
 * masking for every response. Both working keys are derived (HKDF) from one master key, so leaking the index key
 * does not reveal the encryption key and vice versa.
 */

const VERSION = 'v1';

export interface PiiKeys {
  encryption: Buffer;
  index: Buffer;
}

export function derivePiiKeys(master: Buffer): PiiKeys {
  if (master.length < 32) throw new Error('The PII master key must be at least 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { encryption: derive('shegong/pii/encryption/v1'), index: derive('shegong/pii/blind-index/v1') };
}

/** `v1:` + base64(iv ‖ tag ‖ ciphertext). The field name is bound as associated data: a value cannot be moved. */
export function encrypt(keys: PiiKeys, field: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv);
  cipher.setAAD(Buffer.from(field));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
}

export function decrypt(keys: PiiKeys, field: string, stored: string): string {
  const [version, payload] = stored.split(':', 2);
  if (version !== VERSION || !payload) throw new Error('Unknown ciphertext version');
  const raw = Buffer.from(payload, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keys.encryption, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(field));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** Deterministic keyed hash of a normalized value, per field, for `where id_number_index = $1`. */
export function blindIndex(keys: PiiKeys, field: string, normalized: string): string {
  return createHmac('sha256', keys.index).update(field).update('\u0000').update(normalized).digest('base64url');
}

/** 身份证号 → `4406**********123X` (first 4, last 4). */
export function maskIdNumber(id: string): string {
  return id.length <= 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** Mobile → `138****8000`. */
export function maskMobile(mobile: string): string {
  return mobile.length < 7
    ? '*'.repeat(mobile.length)
    : `${mobile.slice(0, 3)}${'*'.repeat(mobile.length - 7)}${mobile.slice(-4)}`;
}

/** A person's name → `张*` / `欧阳**` (first character kept). */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/**
 * The stored columns for a person's 身份证号 and mobile: ciphertext bound to `<entity>.<field>`, a blind index shared
 * by every entity (so one person is recognised across registries), and the masked form shown in responses.
 */
export function protectIdentity(keys: PiiKeys, entity: string, idNumber: string, mobile: string | null) {
  return {
    idNumberEnc: encrypt(keys, `${entity}.idNumber`, idNumber),
    idNumberIndex: blindIndex(keys, 'idNumber', idNumber),
    idNumberMasked: maskIdNumber(idNumber),
    ...protectMobile(keys, entity, mobile),
  };
}

export function protectMobile(keys: PiiKeys, entity: string, mobile: string | null) {
  return {
    mobileEnc: mobile ? encrypt(keys, `${entity}.mobile`, mobile) : null,
    mobileIndex: mobile ? blindIndex(keys, 'mobile', mobile) : null,
    mobileMasked: mobile ? maskMobile(mobile) : null,
  };
}
