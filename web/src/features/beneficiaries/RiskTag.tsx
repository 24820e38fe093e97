import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RiskLevel } from '../../api/endpoints';

const COLORS: Record<RiskLevel, string> = { low: 'success', medium: 'warning', high: 'error' };

/** 风险等级 from the latest assessment, or 未评估. */
export function RiskTag({ risk }: { risk: RiskLevel | null }) {
  const { t } = useTranslation();
  if (!risk) return <Typography.Text type="secondary">{t('beneficiaries.riskNone')}</Typography.Text>;
  return <Tag color={COLORS[risk]}>{t(`beneficiaries.risk.${risk}`)}</Tag>;
}
