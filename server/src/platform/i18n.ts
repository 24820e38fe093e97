import { ERROR_CODES, type ErrorCode } from './errors';

export type Locale = 'zh-CN' | 'en';

/**
 * Picks the response language from Accept-Language: English when the best-ranked supported tag is English,
 * Chinese otherwise (zh-CN is the product's first language).
 */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  let best: { locale: Locale; q: number } | undefined;
  for (const part of acceptLanguage.slice(0, 512).split(',')) {
    const [tagRaw, ...params] = part.trim().split(';');
    const tag = (tagRaw ?? '').trim().toLowerCase();
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const locale: Locale | undefined = tag.startsWith('en') ? 'en' : tag.startsWith('zh') ? 'zh-CN' : undefined;
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? 'zh-CN';
}

/** A detail that names something in both languages (a state, an action); a message picks its own. */
export interface LocalizedText {
  zh: string;
  en: string;
}

function isLocalizedText(v: unknown): v is LocalizedText {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as LocalizedText).zh === 'string' &&
    typeof (v as LocalizedText).en === 'string'
  );
}

export function interpolate(
  template: string,
  values: Record<string, unknown> | undefined,
  locale: Locale = 'zh-CN',
): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = values[key];
    if (isLocalizedText(v)) return locale === 'en' ? v.en : v.zh;
    return typeof v === 'string' || typeof v === 'number' ? String(v) : whole;
  });
}

export function errorMessage(code: ErrorCode, locale: Locale, details?: Record<string, unknown>): string {
  const entry = ERROR_CODES[code];
  return interpolate(locale === 'en' ? entry.en : entry.zh, details, locale);
}
