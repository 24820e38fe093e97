import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  listReferrals,
  queryKeys,
  type Referral,
  type ReferralListParams,
  type ReferralStatus,
} from '../../api/endpoints';
import { useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { paginationConfig } from '../../components/tableDefaults';
import { useListParams } from '../../components/useListParams';
import { oneOf } from '../projects/projectBits';
import { ReferralDrawer } from './ReferralDrawer';
import { type Direction, REFERRAL_STATUSES, ReferralKindTag, ReferralStatusTag } from './referralBits';
import './referrals.css';

const FILTER_KEYS = ['direction', 'status'] as const;
const DIRECTIONS = ['incoming', 'outgoing'] as const;

/**
 * /console/referrals — 转介: referrals my agency received (收到的: its managers accept or reject them) and those sent
 * from it (发出的: the case worker or a manager may revoke one while it is pending). A referral is opened from a case.
 */
export default function ReferralsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { filters, page, pageSize, setFilters, setPage } = useListParams(FILTER_KEYS);
  // Only managers receive referrals; a social worker sees the ones sent from their cases.
  const isManager = me.roles.includes('agency_manager');
  const directions: readonly Direction[] = isManager ? DIRECTIONS : ['outgoing'];
  const direction: Direction = oneOf(directions, filters.direction) ?? directions[0] ?? 'outgoing';
  const status = oneOf(REFERRAL_STATUSES, filters.status) as ReferralStatus | undefined;
  const params: ReferralListParams = { direction, status, page, pageSize };
  const list = useQuery({
    queryKey: queryKeys.referralList(params),
    queryFn: ({ signal }) => listReferrals(params, { signal }),
    placeholderData: keepPreviousData,
  });
  const [openId, setOpenId] = useState<string | null>(null);
  const opened = list.data?.items.find((r) => r.id === openId);

  const table = (
    <>
      <search className="sg-toolbar" aria-label={t('common.filters')}>
        <Select
          className="sg-toolbar-select"
          allowClear
          aria-label={t('referrals.status')}
          placeholder={t('referrals.allStatuses')}
          value={status}
          options={REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`referrals.statuses.${s}`) }))}
          onChange={(next?: string) => setFilters({ status: next })}
          data-testid="referral-status-filter"
        />
        <Button onClick={() => setFilters({ status: null })}>{t('common.reset')}</Button>
      </search>
      {list.isError && !list.data ? (
        <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Referral>
          data-testid="referral-table"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items}
          scroll={{ x: 'max-content' }}
          pagination={paginationConfig(t, page, pageSize, list.data?.total)}
          onChange={(p) => setPage(p.current ?? 1, p.pageSize ?? pageSize)}
          onRow={(r) => ({ onClick: () => setOpenId(r.id), className: 'sg-clickable-row' })}
          locale={{
            emptyText: (
              <Typography.Text type="secondary">
                {status ? t('referrals.noMatch') : t(`referrals.empty.${direction}`)}
              </Typography.Text>
            ),
          }}
          columns={[
            {
              title: t('referrals.caseCode'),
              key: 'caseCode',
              dataIndex: 'caseCode',
              className: 'sg-nowrap',
              render: (code: string, r) => (
                <Button
                  type="link"
                  className="sg-link-cell sg-mono"
                  onClick={(e) => {
                    e.stopPropagation();
                    setOpenId(r.id);
                  }}
                  data-testid="referral-open"
                >
                  {code}
                </Button>
              ),
            },
            {
              title: t('referrals.beneficiary'),
              key: 'beneficiary',
              dataIndex: 'beneficiaryName',
              className: 'sg-nowrap',
            },
            {
              title: t('referrals.fromAgency'),
              key: 'from',
              dataIndex: 'fromAgencyName',
              render: (name: string) => <span className="sg-cell-wrap">{name}</span>,
            },
            {
              title: t('referrals.toAgency'),
              key: 'to',
              dataIndex: 'toAgencyName',
              render: (name: string) => <span className="sg-cell-wrap">{name}</span>,
            },
            {
              title: t('referrals.kind'),
              key: 'kind',
              dataIndex: 'kind',
              className: 'sg-nowrap',
              render: (kind: Referral['kind']) => <ReferralKindTag kind={kind} />,
            },
            {
              title: t('referrals.status'),
              key: 'status',
              dataIndex: 'status',
              className: 'sg-nowrap',
              render: (s: ReferralStatus) => <ReferralStatusTag status={s} />,
            },
            {
              title: t('referrals.requestedAt'),
              key: 'requestedAt',
              dataIndex: 'requestedAt',
              className: 'sg-nowrap',
              render: (at: string) => formatDateTime(at),
            },
          ]}
        />
      )}
    </>
  );

  return (
    <>
      <PageHeader title={t('referrals.title')} description={t('referrals.description')} />
      <Card>
        <Tabs
          activeKey={direction}
          onChange={(next) => setFilters({ direction: next, status: filters.status })}
          items={directions.map((d) => ({
            key: d,
            label: <span data-testid={`referrals-tab-${d}`}>{t(`referrals.directions.${d}`)}</span>,
            children: d === direction ? table : null,
          }))}
        />
      </Card>
      <ReferralDrawer id={openId} initial={opened} onClose={() => setOpenId(null)} />
    </>
  );
}
