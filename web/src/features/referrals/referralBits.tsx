import { Tag } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { REFERRAL_KINDS, REFERRAL_STATUSES } from '../../../../contracts/api/delivery';
import type { Me, Referral, ReferralStatus } from '../../api/endpoints';
import { navItem } from '../../app/navigation';

export { REFERRAL_KINDS, REFERRAL_STATUSES };
export type ReferralKind = Referral['kind'];
export type Direction = 'incoming' | 'outgoing';

export const REFERRALS_PATH = navItem('referrals').path;
/** A case's page (the cases feature owns it; only its path is needed here). */
export const caseHref = (id: string) => `${navItem('cases').path}/${id}`;

/** Tags drawn with explicit text/background pairs, all ≥ 4.5:1 (antd's light presets are too pale for small text). */
const STATUS_STYLES: Record<ReferralStatus, CSSProperties> = {
  pending: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  accepted: { color: '#237804', background: '#f6ffed', borderColor: '#b7eb8f' },
  rejected: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  revoked: { color: '#434343', background: '#fafafa', borderColor: '#bfbfbf' },
};

export function ReferralStatusTag({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return (
    <Tag style={STATUS_STYLES[status]} data-status={status}>
      {t(`referrals.statuses.${status}`)}
    </Tag>
  );
}

export function ReferralKindTag({ kind }: { kind: ReferralKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={kind === 'transfer' ? 'purple' : 'blue'} data-kind={kind}>
      {t(`referrals.kinds.${kind}`)}
    </Tag>
  );
}

export const managesAgency = (me: Me, agencyId: string) =>
  me.memberships.some((m) => m.role === 'agency_manager' && m.organizationId === agencyId);

export const staffOfAgency = (me: Me, agencyId: string) =>
  me.memberships.some(
    (m) => m.organizationId === agencyId && (m.role === 'agency_manager' || m.role === 'social_worker'),
  );
