import 'dayjs/locale/zh-cn';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar date in Beijing, `YYYY-MM-DD` (the server's "today" for dates like 完成日期). */
export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDate.format(now);
}

/** `YYYY-MM-DD` → a DatePicker value. */
export function toDay(value: string | null | undefined): Dayjs | null {
  if (!value) return null;
  const day = dayjs(value, 'YYYY-MM-DD');
  return day.isValid() ? day : null;
}

/** Today (Beijing) as a DatePicker value: the default of a start or end date. */
export function todayAsDay(): Dayjs | undefined {
  return toDay(todayInShanghai()) ?? undefined;
}

/** A DatePicker value → `YYYY-MM-DD` (calendar dates carry no time zone). */
export function fromDay(value: Dayjs | null | undefined): string | null {
  return value ? value.format('YYYY-MM-DD') : null;
}

/** For DatePicker `disabledDate`: days after today (Beijing). */
export function isAfterToday(day: Dayjs): boolean {
  return day.format('YYYY-MM-DD') > todayInShanghai();
}

/** A registration period runs three years: 2024-03-05 → 2027-03-04 (as the server computes it). */
export function registrationEnd(validFrom: string): string {
  const from = new Date(`${validFrom}T00:00:00Z`);
  from.setUTCFullYear(from.getUTCFullYear() + 3);
  return new Date(from.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/** The calendar day after `YYYY-MM-DD`. */
export function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Keeps dayjs (DatePicker month and weekday names) in the UI language. */
export function useDayjsLocale(): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    dayjs.locale(i18n.language === 'en' ? 'en' : 'zh-cn');
  }, [i18n.language]);
}
