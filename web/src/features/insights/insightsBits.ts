import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_RECORD_KIND_NAMES, SERVICE_RECORD_KINDS } from '../../../../contracts/api/delivery';
import type { ServiceRecordKind } from '../../api/endpoints';
import { navItem } from '../../app/navigation';

export const DASHBOARD_PATH = navItem('deliveryDashboard').path;
/** Who may open the dashboard (GET /api/delivery/dashboard). */
export const DASHBOARD_ROLES = navItem('deliveryDashboard').roles ?? [];

export { SERVICE_RECORD_KINDS };

/** The counted indicator kinds the dashboard reports, in the order they are shown. */
export const COUNTED_KINDS = ['cases', 'groups', 'activities', 'contacts'] as const;
export type CountedKind = (typeof COUNTED_KINDS)[number];

/** Service record kinds (个案会谈, 探访, …) from the shared contracts, in the UI language. */
export function useRecordKindName() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return useMemo(() => {
    return (kind: ServiceRecordKind) => {
      const n = SERVICE_RECORD_KIND_NAMES[kind];
      if (!n) return kind;
      return en ? n.en.charAt(0).toUpperCase() + n.en.slice(1) : n.zh;
    };
  }, [en]);
}

/** Numbers as the dashboard shows them: integers as they are, fractions with at most two decimals. */
export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 2 }).format(n);
}

/** Every month `YYYY-MM` from the month of `from` to the month of `to` (both `YYYY-MM-DD`), at most 36. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while ((y < endY || (y === endY && m <= endM)) && out.length < 36) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
