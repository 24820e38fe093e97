import { CheckCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RecordKind } from '../../../../contracts/api/cases';
import { getMyWork, type MyWork, queryKeys } from '../../api/endpoints';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FullPageSpin } from '../../components/FullPageSpin';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { CaseStageTag, casePath, useCaseVocabulary } from '../cases/caseBits';
import { CompleteRecordDrawer, RecordKindTag } from './deliveryBits';
import './delivery.css';

type CaseItem = MyWork['caseload'][number];

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Card
      className="sg-detail-card"
      data-testid={id}
      title={
        <Typography.Title level={2} className="sg-card-title" id={`${id}-title`}>
          {title}
        </Typography.Title>
      }
    >
      <section aria-labelledby={`${id}-title`}>{children}</section>
    </Card>
  );
}

/**
 * /console/my-work — 我的工作台: a social worker's open cases, the sessions planned for the next 14 days (each
 * recorded as held from here, on the phone), and the case records waiting for their review as supervisor.
 */
export default function MyWorkPage() {
  const { t } = useTranslation();
  const vocabulary = useCaseVocabulary();
  const [completing, setCompleting] = useState<string | null>(null);
  const work = useQuery({ queryKey: queryKeys.myWork, queryFn: ({ signal }) => getMyWork({ signal }) });

  const header = <PageHeader title={t('delivery.myWork.title')} description={t('delivery.myWork.description')} />;
  if (work.isPending)
    return (
      <>
        {header}
        <FullPageSpin inline />
      </>
    );
  if (work.isError)
    return (
      <>
        {header}
        <QueryErrorResult error={work.error} onRetry={() => void work.refetch()} />
      </>
    );
  const { caseload, upcoming, awaitingReview } = work.data;

  return (
    <>
      {header}
      <Section id="my-work-caseload" title={t('delivery.myWork.caseload')}>
        <Table<CaseItem>
          rowKey="id"
          size="small"
          dataSource={caseload}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: <Typography.Text type="secondary">{t('delivery.myWork.caseloadEmpty')}</Typography.Text>,
          }}
          columns={[
            {
              title: t('delivery.myWork.case'),
              key: 'code',
              dataIndex: 'code',
              className: 'sg-nowrap',
              render: (code: string, c) => <Link to={casePath(c.id)}>{`${code} · ${c.beneficiaryName}`}</Link>,
            },
            {
              title: t('delivery.myWork.stage'),
              key: 'stage',
              dataIndex: 'stage',
              className: 'sg-nowrap',
              render: (stage: CaseItem['stage']) => <CaseStageTag stage={stage} />,
            },
            {
              title: t('delivery.myWork.lastSession'),
              key: 'lastSessionOn',
              dataIndex: 'lastSessionOn',
              className: 'sg-nowrap',
              render: (d: string | null) => d ?? t('delivery.myWork.noSession'),
            },
          ]}
        />
      </Section>
      <Section id="my-work-upcoming" title={t('delivery.myWork.upcoming')}>
        {upcoming.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delivery.myWork.upcomingEmpty')} />
        ) : (
          <ul className="sg-plain-list sg-delivery-items">
            {upcoming.map((u) => (
              <li key={u.id} className="sg-delivery-item" data-testid="upcoming-item" data-record-id={u.id}>
                <div className="sg-delivery-item-main">
                  <Typography.Text strong>{u.subject}</Typography.Text>
                  <span className="sg-tags">
                    <RecordKindTag kind={u.kind} />
                    <Typography.Text type="secondary">{formatDateTime(u.scheduledAt)}</Typography.Text>
                    {u.location ? <Typography.Text type="secondary">{u.location}</Typography.Text> : null}
                  </span>
                </div>
                <Button
                  type="primary"
                  icon={<CheckCircleOutlined />}
                  onClick={() => setCompleting(u.id)}
                  aria-label={t('delivery.myWork.completeLabel', { subject: u.subject })}
                  data-testid="upcoming-complete"
                >
                  {t('delivery.complete.button')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="my-work-review" title={t('delivery.myWork.review')}>
        {awaitingReview.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delivery.myWork.reviewEmpty')} />
        ) : (
          <ul className="sg-plain-list sg-delivery-items">
            {awaitingReview.map((a) => (
              <li key={a.recordId} className="sg-delivery-item" data-testid="review-item">
                <div className="sg-delivery-item-main">
                  <Link to={casePath(a.caseId)}>{`${a.caseCode} · ${a.beneficiaryName}`}</Link>
                  <Typography.Text type="secondary">
                    {t('delivery.myWork.submitted', {
                      kind: vocabulary.kind(a.kind as RecordKind),
                      author: a.authorName,
                      at: formatDateTime(a.submittedAt),
                    })}
                  </Typography.Text>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <CompleteRecordDrawer recordId={completing} onClose={() => setCompleting(null)} />
    </>
  );
}
