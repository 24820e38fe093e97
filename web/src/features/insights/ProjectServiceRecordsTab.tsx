import { SmileOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Result, Select, Table, Tag, Typography } from 'antd';
import { type MouseEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import {
  listProjectServiceRecords,
  type ProjectDetail,
  type ProjectServiceRecordParams,
  queryKeys,
  type ServiceRecordKind,
  type ServiceRecordView,
} from '../../api/endpoints';
import { hasAnyRole, useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { formatDateTime } from '../../components/format';
import { paginationConfig } from '../../components/tableDefaults';
import { fromDay, toDay, useDayjsLocale } from '../registry/dates';
import { DASHBOARD_PATH, DASHBOARD_ROLES, SERVICE_RECORD_KINDS, useRecordKindName } from './insightsBits';
import { SatisfactionSurveyModal } from './SatisfactionSurveyModal';
import './insights.css';

/** Projects whose agency still records delivery (the server's RECORDING_STATUSES). */
const RECORDING = new Set(['in_service', 'final_review']);

type Viewer = 'full' | 'masked' | 'anonymised';
type ServiceRecordStatus = ServiceRecordView['status'];
const RECORD_STATUSES: readonly ServiceRecordStatus[] = ['completed', 'scheduled', 'voided'];

const STATUS_COLORS: Record<ServiceRecordView['status'], string> = {
  scheduled: 'processing',
  completed: 'success',
  voided: 'default',
};

/** What the server will show this caller (its rule, listProjectServiceRecords): said above the list. */
function viewerOf(me: ReturnType<typeof useMe>, project: ProjectDetail): Viewer | null {
  const m = me.memberships;
  if (m.some((x) => x.role === 'agency_manager' && x.organizationId === project.agencyId)) return 'full';
  if (m.some((x) => x.role === 'purchaser')) return 'masked';
  if (me.roles.includes('evaluator')) return 'anonymised';
  return null;
}

/** Stable keys for people listed by name: masked names (张**) and pseudonyms may repeat within one record. */
function withKeys<T extends { beneficiaryId: string | null; name: string }>(items: readonly T[]) {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = item.beneficiaryId ?? item.name;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { key: `${base}#${n}`, item };
  });
}

function RecordDetails({ record }: { record: ServiceRecordView }) {
  const { t } = useTranslation();
  return (
    <dl className="sg-record-details">
      {record.location ? (
        <>
          <dt>{t('insights.records.location')}</dt>
          <dd>{record.location}</dd>
        </>
      ) : null}
      <dt>{t('insights.records.content')}</dt>
      <dd className="sg-pre-line">{record.content || t('common.empty')}</dd>
      {record.outcome ? (
        <>
          <dt>{t('insights.records.outcome')}</dt>
          <dd className="sg-pre-line">{record.outcome}</dd>
        </>
      ) : null}
      {record.attendees.length > 0 ? (
        <>
          <dt>{t('insights.records.attendees')}</dt>
          <dd>
            <span className="sg-tags">
              {withKeys(record.attendees).map(({ key, item: a }) => (
                <Tag key={key} color={a.present ? 'success' : 'default'}>
                  {a.name}
                  {a.present ? '' : `（${t('insights.records.absent')}）`}
                </Tag>
              ))}
            </span>
          </dd>
        </>
      ) : null}
      {record.voidReason ? (
        <>
          <dt>{t('insights.records.voidReason')}</dt>
          <dd>{record.voidReason}</dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * 服务记录 on a project's page: its service records as the server lets the caller see them — in full for the
 * delivering agency's managers, masked names (张**) for the purchasing side, pseudonyms (服务对象 A) for evaluators.
 * The bureau, when it is not the purchasing unit, is pointed to the dashboard's aggregates instead.
 */
export function ProjectServiceRecordsTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  useDayjsLocale();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const kindName = useRecordKindName();
  const [filters, setFilters] = useState<{
    kind?: ServiceRecordKind;
    status?: ServiceRecordStatus;
    from?: string;
    to?: string;
  }>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [surveyOpen, setSurveyOpen] = useState(false);
  const [rate, setRate] = useState<number | null | undefined>(undefined);
  const params: ProjectServiceRecordParams = { ...filters, ...paging };
  const records = useQuery({
    queryKey: queryKeys.projectServiceRecords(project.id, params),
    queryFn: ({ signal }) => listProjectServiceRecords(project.id, params, { signal }),
    placeholderData: keepPreviousData,
    retry: (count, error) => !isApiError(error) && count < 2,
  });
  const viewer = viewerOf(me, project);
  const staffOfAgency = me.memberships.some(
    (m) => m.organizationId === project.agencyId && (m.role === 'agency_manager' || m.role === 'social_worker'),
  );
  const canSurvey = staffOfAgency && RECORDING.has(project.status);
  const aggregatesOnly = isApiError(records.error) && records.error.code === 'service_record.aggregates_only';
  const filter = (patch: Partial<typeof filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const survey = canSurvey ? (
    <>
      <Button icon={<SmileOutlined />} onClick={() => setSurveyOpen(true)} data-testid="survey-open">
        {t('insights.survey.button')}
      </Button>
      <SatisfactionSurveyModal
        project={project}
        open={surveyOpen}
        onClose={() => setSurveyOpen(false)}
        onDone={(result) => {
          setRate(result.satisfactionRate);
          message.success(t('insights.survey.done'));
          void queryClient.invalidateQueries({ queryKey: queryKeys.projectPart(project.id, 'indicators') });
          void queryClient.invalidateQueries({ queryKey: ['delivery'] });
        }}
      />
    </>
  ) : null;
  const rateNote =
    rate !== undefined ? (
      <Alert
        type="success"
        showIcon
        className="sg-records-note"
        role="status"
        data-testid="survey-rate"
        title={
          rate === null
            ? t('insights.survey.noRate')
            : t('insights.survey.rate', { rate: new Intl.NumberFormat('zh-CN').format(rate) })
        }
      />
    ) : null;

  if (aggregatesOnly) {
    return (
      <div data-testid="service-records-aggregates-only">
        {survey ? <div className="sg-records-toolbar">{survey}</div> : null}
        {rateNote}
        <Result
          status="info"
          title={t('insights.records.aggregatesOnlyTitle')}
          subTitle={records.error instanceof Error ? records.error.message : undefined}
          extra={
            hasAnyRole(me, DASHBOARD_ROLES) ? (
              <Button
                type="primary"
                href={DASHBOARD_PATH}
                onClick={(e: MouseEvent) => {
                  e.preventDefault();
                  void navigate(DASHBOARD_PATH);
                }}
                data-testid="service-records-dashboard"
              >
                {t('insights.records.toDashboard')}
              </Button>
            ) : undefined
          }
        />
      </div>
    );
  }
  if (records.isError && !records.data) {
    return <QueryErrorResult error={records.error} onRetry={() => void records.refetch()} />;
  }

  return (
    <div data-testid="service-records">
      {viewer ? (
        <Alert
          type={viewer === 'full' ? 'info' : 'warning'}
          showIcon
          className="sg-records-note"
          data-testid="service-records-viewer"
          data-viewer={viewer}
          title={t(`insights.records.viewer.${viewer}`)}
        />
      ) : null}
      {rateNote}
      <div className="sg-records-toolbar">
        <search className="sg-toolbar" aria-label={t('common.filters')}>
          <Select
            className="sg-toolbar-select"
            allowClear
            aria-label={t('insights.records.kind')}
            placeholder={t('insights.records.allKinds')}
            value={filters.kind}
            options={SERVICE_RECORD_KINDS.map((k) => ({ value: k, label: kindName(k) }))}
            onChange={(kind?: ServiceRecordKind) => filter({ kind })}
            data-testid="service-records-kind"
          />
          <Select
            className="sg-toolbar-select"
            allowClear
            aria-label={t('insights.records.status')}
            placeholder={t('insights.records.allStatuses')}
            value={filters.status}
            options={RECORD_STATUSES.map((st) => ({ value: st, label: t(`insights.records.statuses.${st}`) }))}
            onChange={(status?: ServiceRecordStatus) => filter({ status })}
            data-testid="service-records-status"
          />
          <DatePicker.RangePicker
            className="sg-toolbar-range"
            aria-label={t('insights.records.dateRange')}
            placeholder={[t('insights.periodFrom'), t('insights.periodTo')]}
            value={[toDay(filters.from), toDay(filters.to)]}
            allowEmpty={[true, true]}
            onChange={(range) =>
              filter({ from: fromDay(range?.[0]) ?? undefined, to: fromDay(range?.[1]) ?? undefined })
            }
          />
        </search>
        {survey}
      </div>
      <Table<ServiceRecordView>
        data-testid="service-record-table"
        rowKey="id"
        size="small"
        loading={records.isFetching}
        dataSource={records.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={paginationConfig(t, paging.page, paging.pageSize, records.data?.total)}
        onChange={(p) => setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? paging.pageSize })}
        expandable={{ expandedRowRender: (r) => <RecordDetails record={r} /> }}
        locale={{
          emptyText: (
            <Typography.Text type="secondary">
              {filters.kind || filters.status || filters.from || filters.to
                ? t('insights.records.noMatch')
                : t('insights.records.empty')}
            </Typography.Text>
          ),
        }}
        columns={[
          {
            title: t('insights.records.date'),
            key: 'date',
            className: 'sg-nowrap',
            render: (_: unknown, r) => r.heldOn ?? formatDateTime(r.scheduledAt),
          },
          {
            title: t('insights.records.kind'),
            key: 'kind',
            dataIndex: 'kind',
            className: 'sg-nowrap',
            render: (kind: ServiceRecordKind) => kindName(kind),
          },
          {
            title: t('insights.records.subject'),
            key: 'subject',
            dataIndex: 'subject',
            render: (subject: string) => <span className="sg-cell-wrap">{subject}</span>,
          },
          {
            title: t('insights.records.status'),
            key: 'status',
            dataIndex: 'status',
            className: 'sg-nowrap',
            render: (status: ServiceRecordView['status']) => (
              <Tag color={STATUS_COLORS[status]}>{t(`insights.records.statuses.${status}`)}</Tag>
            ),
          },
          {
            title: t('insights.records.workers'),
            key: 'workers',
            render: (_: unknown, r) => r.workers.map((w) => w.name).join(t('common.listSeparator')) || '—',
          },
          {
            title: t('insights.records.duration'),
            key: 'duration',
            dataIndex: 'durationMinutes',
            className: 'sg-nowrap',
            render: (minutes: number | null) =>
              minutes === null ? t('common.empty') : t('insights.records.minutes', { n: minutes }),
          },
          {
            title: t('insights.records.participants'),
            key: 'participants',
            dataIndex: 'participantCount',
            className: 'sg-nowrap',
          },
        ]}
      />
    </div>
  );
}
