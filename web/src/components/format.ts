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
