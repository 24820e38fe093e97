import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VerificationStatus } from '../../api/endpoints';

const COLORS: Record<VerificationStatus, string> = { unverified: 'default', verified: 'success', rejected: 'error' };

/** 待核验 / 已核验 / 核验未通过 (credentials and organization registrations). */
export function VerificationTag({ status }: { status: VerificationStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`verification.${status}`)}</Tag>;
}
