const SHANGHAI = 'Asia/Shanghai';

const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHANGHAI,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: SHANGHAI, hour: '2-digit', hourCycle: 'h23' });

function toDate(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** UTC ISO string from the server → `YYYY-MM-DD HH:mm` in Beijing time. */
export function formatDateTime(value: string | Date | null | undefined, empty = '—'): string {
  if (!value) return empty;
  const date = toDate(value);
  if (!date) return typeof value === 'string' ? value : empty;
  const parts: Record<string, string> = {};
  for (const part of dateTimeFormat.formatToParts(date)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Hour of the day (0–23) in Beijing time. */
export function shanghaiHour(date: Date = new Date()): number {
  return Number(hourFormat.format(date)) % 24;
}

export function isFuture(value: string | null | undefined, now: number = Date.now()): boolean {
  if (!value) return false;
  const date = toDate(value);
  return date !== null && date.getTime() > now;
}

/**
 * A wall-clock time picked in the UI (meant as Beijing time) → ISO string with the +08:00 offset.
 * China has had no daylight-saving time since 1991, so the offset is fixed.
 */
export function wallClockToShanghaiIso(wallClock: string): string {
  return `${wallClock}+08:00`;
}

const wallClockFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHANGHAI,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Any ISO date-time → Beijing wall-clock `YYYY-MM-DDTHH:mm:ss` (inverse of wallClockToShanghaiIso). */
export function shanghaiIsoToWallClock(iso: string): string | null {
  const date = toDate(iso);
  if (!date) return null;
  const p: Record<string, string> = {};
  for (const part of wallClockFormat.formatToParts(date)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

// ---- money ----------------------------------------------------------------------------------------------------
// Money travels as integer fen (1 元 = 100 分). It is shown as yuan with two decimals and thousands separators
// (¥480,000.00) everywhere, and read from forms as a decimal string, never through a float, so that 0.1 + 0.2 never
// turns into 30 fen and a half.

const groupThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Integer fen → `¥480,000.00` (`—` for null). */
export function formatFen(fen: number | null | undefined, empty = '—'): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return empty;
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}¥${groupThousands(String(yuan))}.${String(cents).padStart(2, '0')}`;
}

/** Integer fen → the plain yuan string a form shows for editing (`480000.00`). */
export function fenToYuanInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  const abs = Math.abs(Math.trunc(fen));
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A non-negative decimal written by a person (`480000`, `480,000.5`, `¥ 1 200.00`) → an integer count of its
 * 1/10^scale units (scale 2: yuan → fen, percent → basis points), or null when it is not such a number or has more
 * than `scale` decimals. Done on the digits themselves, so the result is exact.
 */
export function parseScaledDecimal(input: string | null | undefined, scale = 2): number | null {
  if (input === null || input === undefined) return null;
  const cleaned = input.replace(/[\s,，¥￥]/g, '');
  const match = /^(\d{1,15})(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > scale) return null;
  const units = Number(whole) * 10 ** scale + Number(fraction.padEnd(scale, '0') || '0');
  return Number.isSafeInteger(units) ? units : null;
}

/** Yuan typed in a form → integer fen (null when malformed or with more than two decimals). */
export function parseYuanToFen(input: string | null | undefined): number | null {
  return parseScaledDecimal(input, 2);
}

/** Basis points (10000 = 100 %) → `12.5%`. */
export function formatBp(bp: number): string {
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  return `${whole}${rest ? `.${String(rest).padStart(2, '0').replace(/0$/, '')}` : ''}%`;
}
