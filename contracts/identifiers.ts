/**
 * Chinese identifiers with check characters. Pure functions shared by the server (authoritative validation) and
 * the web client (early feedback in forms).
 */

/** GB 11643-1999 weights for the 17 body digits of a 居民身份证号 (2^(17-i) mod 11). */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Province-level codes in use (first two digits of a division code). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83,
]);

export function idNumberCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

export type IdNumberProblem = 'format' | 'region' | 'birth_date' | 'check_digit';

/**
 * Why an 18-digit 身份证号 is invalid, or null when it is valid. A lower-case x is accepted and means X. The birth
 * date must be real and not in the future (the standard's own sample is born in 1880; plausible ages are a business
 * rule of the caller).
 */
export function idNumberProblem(value: string, today: Date = new Date()): IdNumberProblem | null {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return 'region';
  const birth = birthDateOf(id);
  if (!birth || birth.getTime() > today.getTime() || birth.getUTCFullYear() < 1800) return 'birth_date';
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return 'check_digit';
  return null;
}

export function normalizeIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** Birth date encoded in an 18-digit ID number (UTC midnight), or null if it is not a real date. */
export function birthDateOf(id: string): Date | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date;
}

/** Gender encoded in an ID number: the 17th digit is odd for men, even for women. */
export function genderOf(id: string): 'male' | 'female' {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}

/** GB 32100-2015 统一社会信用代码: 31 characters (no I, O, Z, S, V) and the weights of positions 1–17. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body17[i] ?? '') * (USCC_WEIGHTS[i] ?? 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] ?? '';
}

export type CreditCodeProblem = 'format' | 'check_character';

export function creditCodeProblem(value: string): CreditCodeProblem | null {
  const code = value.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return 'format';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return 'check_character';
  return null;
}

/** Mainland mobile number: 11 digits starting 13–19, optionally written with +86 / 86 and spaces or hyphens. */
export function normalizeMobile(value: string): string | null {
  const digits = value.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** An organization's contact phone: a mobile number, or a landline with its area code (0757-82345678). */
export function normalizeContactPhone(value: string): string | null {
  const raw = value.trim();
  return normalizeMobile(raw) ?? (/^0\d{2,3}-?\d{7,8}$/.test(raw) ? raw : null);
}
