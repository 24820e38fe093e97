import { GlobalOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type Contract, publishContract } from '../../api/endpoints';
import { formatDateTime, formatFen } from '../../components/format';
import { useDescriptionsLayout, usePeriodText } from './projectBits';

const TERMS = ['quantityTerms', 'qualityTerms', 'priceTerms', 'settlementTerms'] as const;

/** 合同: the signed contract and, for the purchasing side, publishing it (政府采购法实施条例 第五十条). */
export function ProcurementContract({
  projectId,
  contract,
  canPublish,
  onChanged,
}: {
  projectId: string;
  contract: Contract;
  canPublish: boolean;
  onChanged: (next?: Contract) => void;
}) {
  const { t } = useTranslation();
  const layout = useDescriptionsLayout();
  const { message, modal } = App.useApp();
  const periodText = usePeriodText();

  const publish = () =>
    modal.confirm({
      title: t('procurement.contract.publishTitle'),
      content: t('procurement.contract.publishText'),
      okText: t('procurement.contract.publish'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          onChanged(await publishContract(projectId));
          message.success(t('procurement.contract.published'));
        } catch (error) {
          message.error(error instanceof Error ? error.message : t('errors.unexpected'));
          if (isApiError(error) && error.status === 409) onChanged();
        }
      },
    });

  return (
    <section aria-labelledby="procurement-contract-title" data-testid="contract">
      <div className="sg-dimension-head">
        <Typography.Title level={2} className="sg-section-title" id="procurement-contract-title">
          {t('procurement.contract.title')}
        </Typography.Title>
        {canPublish && !contract.publishedAt ? (
          <Button icon={<GlobalOutlined />} onClick={publish} data-testid="contract-publish">
            {t('procurement.contract.publish')}
          </Button>
        ) : null}
      </div>
      <Descriptions
        bordered
        layout={layout}
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'agency', label: t('procurement.contract.agency'), children: contract.agencyName },
          {
            key: 'amount',
            label: t('procurement.contract.amount'),
            children: <span data-testid="contract-amount">{formatFen(contract.amountFen)}</span>,
          },
          {
            key: 'term',
            label: t('procurement.contract.term'),
            children: periodText(contract.termFrom, contract.termTo),
          },
          { key: 'signed', label: t('procurement.award.signedOn'), children: contract.signedOn },
          {
            key: 'published',
            label: t('procurement.contract.disclosure'),
            span: { xs: 1, md: 2 },
            children: contract.publishedAt ? (
              <span data-testid="contract-published">
                {t('procurement.contract.publishedAt', { at: formatDateTime(contract.publishedAt) })}
              </span>
            ) : (
              <Tag data-testid="contract-unpublished">{t('procurement.contract.unpublished')}</Tag>
            ),
          },
          ...TERMS.map((name) => ({
            key: name,
            label: t(`procurement.award.${name}`),
            span: { xs: 1, md: 2 } as const,
            children: <span className="sg-pre-line">{contract[name] || t('common.empty')}</span>,
          })),
        ]}
      />
    </section>
  );
}
