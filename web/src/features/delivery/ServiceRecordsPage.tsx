import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_RECORD_KINDS, SERVICE_RECORD_STATUSES } from '../../../../contracts/api/delivery';
import {
  exportServiceRecords,
  listProjects,
  listServiceRecords,
  queryKeys,
  type ServiceRecordListParams,
  type ServiceRecordView,
} from '../../api/endpoints';
import { DownloadButtons } from '../../components/DownloadButtons';
import { QueryErrorResult } from '../../components/ErrorResults';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { isUuid, paginationConfig } from '../../components/tableDefaults';
import { useListParams } from '../../components/useListParams';
import { fromDay, toDay, useDayjsLocale } from '../registry/dates';
import { oneOf } from '../workers/workerBits';
import {
  NewRecordDrawer,
  RecordKindTag,
  RecordStatusTag,
  recordWhen,
  useDeliveryNames,
  useStaffAgencies,
} from './deliveryBits';
import { ServiceRecordDrawer } from './ServiceRecordDrawer';
import './delivery.css';

const FILTER_KEYS = ['kind', 'status', 'from', 'to', 'projectId'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = (v: string | undefined) => (v && DATE.test(v) ? v : undefined);

/** The projects of the user's agencies, for the filter. */
function useAgencyProjects() {
  const { staff } = useStaffAgencies();
  const params = { page: 1, pageSize: 200 };
  const projects = useQuery({
    queryKey: queryKeys.projectList(params),
    queryFn: ({ signal }) => listProjects(params, { signal }),
  });
  const ids = new Set(staff.map((a) => a.id));
  return {
    options: (projects.data?.items ?? [])
      .filter((p) => p.agencyId && ids.has(p.agencyId))
      .map((p) => ({ value: p.id, label: p.title })),
    loading: projects.isFetching,
  };
}

/**
 * /console/service-records — 服务记录: the agency's visits, group sessions, activity sessions and case sessions, as
 * the server lets the user see them (managers: the agency's; social workers: their own and the programmes').
 */
export default function ServiceRecordsPage() {
  const { t } = useTranslation();
  useDayjsLocale();
  const names = useDeliveryNames();
  const { filters, page, pageSize, setFilters, resetFilters, setPage } = useListParams(FILTER_KEYS);
  const [openId, setOpenId] = useState<string | null>(null);
  const [visiting, setVisiting] = useState(false);
  const projects = useAgencyProjects();
  const params: ServiceRecordListParams = {
    kind: oneOf(SERVICE_RECORD_KINDS, filters.kind),
    status: oneOf(SERVICE_RECORD_STATUSES, filters.status),
    from: date(filters.from),
    to: date(filters.to),
    projectId: isUuid(filters.projectId) ? filters.projectId : undefined,
    page,
    pageSize,
  };
  const filtered = !!(params.kind || params.status || params.from || params.to || params.projectId);
  const list = useQuery({
    queryKey: queryKeys.serviceRecordList(params),
    queryFn: ({ signal }) => listServiceRecords(params, { signal }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('delivery.records.title')}
        description={t('delivery.records.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setVisiting(true)} data-testid="visit-new">
            {t('delivery.records.newVisit')}
          </Button>
        }
      />
      <Card>
        <search className="sg-toolbar" aria-label={t('common.filters')}>
          <Select
            className="sg-toolbar-select"
            allowClear
            aria-label={t('delivery.kind')}
            placeholder={t('delivery.records.allKinds')}
            value={params.kind}
            options={SERVICE_RECORD_KINDS.map((k) => ({ value: k, label: names.kind(k) }))}
            onChange={(kind?: string) => setFilters({ kind })}
            data-testid="records-kind-filter"
          />
          <Select
            className="sg-toolbar-select"
            allowClear
            aria-label={t('delivery.status')}
            placeholder={t('delivery.records.allStatuses')}
            value={params.status}
            options={SERVICE_RECORD_STATUSES.map((s) => ({ value: s, label: t(`delivery.recordStatus.${s}`) }))}
            onChange={(status?: string) => setFilters({ status })}
            data-testid="records-status-filter"
          />
          <DatePicker.RangePicker
            className="sg-toolbar-range"
            aria-label={t('delivery.records.heldBetween')}
            placeholder={[t('delivery.records.from'), t('delivery.records.to')]}
            value={[toDay(params.from), toDay(params.to)]}
            allowEmpty={[true, true]}
            onChange={(range) =>
              setFilters({ from: fromDay(range?.[0]) ?? undefined, to: fromDay(range?.[1]) ?? undefined })
            }
          />
          <Select
            className="sg-toolbar-select"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('delivery.project')}
            placeholder={t('delivery.records.allProjects')}
            value={params.projectId}
            loading={projects.loading}
            options={projects.options}
            onChange={(projectId?: string) => setFilters({ projectId })}
          />
          <Button onClick={resetFilters}>{t('common.reset')}</Button>
        </search>
        <div className="sg-export-bar">
          <DownloadButtons
            size="small"
            label={t('delivery.records.export')}
            testId="service-record-export"
            download={(format) => {
              const { page: _page, pageSize: _pageSize, ...exportFilters } = params;
              return exportServiceRecords(format, exportFilters);
            }}
          />
          <Typography.Text type="secondary">{t('delivery.records.exportNote')}</Typography.Text>
        </div>
        {params.from || params.to ? (
          <Typography.Paragraph type="secondary">{t('delivery.records.dateHint')}</Typography.Paragraph>
        ) : null}
        {list.isError && !list.data ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ServiceRecordView>
            data-testid="service-record-table"
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
                  {filtered ? t('delivery.records.noMatch') : t('delivery.records.empty')}
                </Typography.Text>
              ),
            }}
            columns={[
              {
                title: t('delivery.records.when'),
                key: 'when',
                className: 'sg-nowrap',
                render: (_, r) => (
                  <Button
                    type="link"
                    className="sg-link-cell"
                    onClick={(e) => {
                      e.stopPropagation();
                      setOpenId(r.id);
                    }}
                    data-testid="record-open"
                  >
                    {recordWhen(r, formatDateTime)}
                  </Button>
                ),
              },
              {
                title: t('delivery.kind'),
                key: 'kind',
                dataIndex: 'kind',
                className: 'sg-nowrap',
                render: (kind: ServiceRecordView['kind']) => <RecordKindTag kind={kind} />,
              },
              { title: t('delivery.subject'), key: 'subject', dataIndex: 'subject' },
              {
                title: t('delivery.project'),
                key: 'project',
                dataIndex: 'projectName',
                render: (name: string | null) => name ?? t('common.empty'),
              },
              {
                title: t('delivery.workers'),
                key: 'workers',
                render: (_, r) => r.workers.map((w) => w.name).join(t('common.listSeparator')),
              },
              {
                title: t('delivery.participantCount'),
                key: 'count',
                dataIndex: 'participantCount',
                align: 'right',
                render: (n: number, r) => (r.status === 'completed' ? n : t('common.empty')),
              },
              {
                title: t('delivery.status'),
                key: 'status',
                dataIndex: 'status',
                className: 'sg-nowrap',
                render: (status: ServiceRecordView['status']) => <RecordStatusTag status={status} />,
              },
            ]}
          />
        )}
      </Card>
      <ServiceRecordDrawer recordId={openId} onClose={() => setOpenId(null)} />
      <NewRecordDrawer subject={{ kind: 'visit' }} mode="now" open={visiting} onClose={() => setVisiting(false)} />
    </>
  );
}
