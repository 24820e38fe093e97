import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CASE_STAGES } from '../../../../contracts/api/cases';
import { type CaseListParams, type CaseSummary, listCases, queryKeys } from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { QueryErrorResult } from '../../components/ErrorResults';
import { PageHeader } from '../../components/PageHeader';
import { paginationConfig } from '../../components/tableDefaults';
import { useListParams } from '../../components/useListParams';
import { oneOf } from '../workers/workerBits';
import { CASES_PATH, type CaseLinkState, CaseStageTag, casePath, useCaseVocabulary } from './caseBits';

const FILTER_KEYS = ['stage'] as const;

/**
 * /console/cases — 个案管理: a social worker's caseload (the cases they work on or supervise), an agency manager's
 * agency's cases; the server decides which. New cases are opened from the beneficiary's page.
 */
export default function CasesPage() {
  const { t } = useTranslation();
  const vocabulary = useCaseVocabulary();
  const { filters, page, pageSize, setFilters, resetFilters, setPage, search } = useListParams(FILTER_KEYS);
  const linkState: CaseLinkState = { back: search ? `${CASES_PATH}?${search}` : CASES_PATH };
  const params: CaseListParams = { stage: oneOf(CASE_STAGES, filters.stage), page, pageSize };
  const list = useQuery({
    queryKey: queryKeys.caseList(params),
    queryFn: ({ signal }) => listCases(params, { signal }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title={t('cases.title')} description={t('cases.description')} />
      <Card>
        <search className="sg-toolbar" aria-label={t('common.filters')}>
          <Select
            className="sg-toolbar-select"
            allowClear
            aria-label={t('cases.stage')}
            placeholder={t('cases.stagePlaceholder')}
            value={params.stage}
            options={CASE_STAGES.map((s) => ({ value: s, label: vocabulary.stage(s) }))}
            onChange={(stage?: string) => setFilters({ stage })}
            data-testid="case-stage-filter"
          />
          <Button onClick={resetFilters}>{t('common.reset')}</Button>
        </search>
        {list.isError && !list.data ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<CaseSummary>
            data-testid="case-table"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            scroll={{ x: 'max-content' }}
            pagination={paginationConfig(t, page, pageSize, list.data?.total)}
            onChange={(p) => setPage(p.current ?? 1, p.pageSize ?? pageSize)}
            locale={{
              emptyText: (
                <Typography.Text type="secondary">
                  {params.stage ? t('cases.noMatch') : t('cases.empty')}
                </Typography.Text>
              ),
            }}
            columns={[
              {
                title: t('cases.code'),
                key: 'code',
                dataIndex: 'code',
                className: 'sg-nowrap sg-mono',
                render: (code: string, c) => (
                  <Link to={casePath(c.id)} state={linkState}>
                    {code}
                  </Link>
                ),
              },
              {
                title: t('cases.beneficiary'),
                key: 'beneficiary',
                dataIndex: 'beneficiaryName',
                className: 'sg-nowrap',
                render: (name: string, c) => (
                  <Link to={`${navItem('beneficiaries').path}/${c.beneficiaryId}`}>{name}</Link>
                ),
              },
              {
                title: t('cases.stage'),
                key: 'stage',
                dataIndex: 'stage',
                className: 'sg-nowrap',
                render: (stage: CaseSummary['stage']) => <CaseStageTag stage={stage} />,
              },
              { title: t('cases.worker'), key: 'worker', dataIndex: 'workerName', className: 'sg-nowrap' },
              {
                title: t('cases.supervisor'),
                key: 'supervisor',
                dataIndex: 'supervisorName',
                className: 'sg-nowrap',
              },
              { title: t('cases.openedOn'), key: 'openedOn', dataIndex: 'openedOn', className: 'sg-nowrap' },
            ]}
          />
        )}
      </Card>
    </>
  );
}
