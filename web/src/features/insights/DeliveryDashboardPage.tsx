import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Empty, Progress, Select, Statistic, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type IndicatorKind, PROJECT_STATUSES, type ProjectStatus } from '../../../../contracts/projects';
import { type DashboardParams, type DeliveryDashboard, getDeliveryDashboard, queryKeys } from '../../api/endpoints';
import { useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/useListParams';
import { useIsMobile } from '../../components/useMediaQuery';
import { useDivisions } from '../divisions/divisions';
import { ProjectStatusTag, projectPath, useProjectVocabulary } from '../projects/projectBits';
import { fromDay, toDay, todayInShanghai, useDayjsLocale } from '../registry/dates';
import { EChart } from './EChart';
import type { ChartOption } from './echartsCore';
import { COUNTED_KINDS, type CountedKind, formatCount, monthsBetween } from './insightsBits';
import './insights.css';

const FILTER_KEYS = ['from', 'to', 'town'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TOWN = /^\d{9}$/;

type Project = DeliveryDashboard['projects'][number];
type Indicator = Project['indicators'][number];
type Month = DeliveryDashboard['byMonth'][number];

/** The statistic cards' labels, by indicator kind (服务人次 is "contacts"). */
function useKindLabels(): Record<CountedKind, string> {
  const { t } = useTranslation();
  return {
    cases: t('insights.kinds.cases'),
    groups: t('insights.kinds.groups'),
    activities: t('insights.kinds.activities'),
    contacts: t('insights.kinds.contacts'),
  };
}

/** Streets and towns the caller may filter by: those in their division scope, or all of them for agency staff. */
function useTownOptions() {
  const me = useMe();
  const divisions = useDivisions();
  const prefixes = me.scope.divisionPrefixes;
  const options = useMemo(
    () =>
      (divisions.data?.items ?? [])
        .filter((d) => d.level === 'street')
        .filter((d) => prefixes.length === 0 || prefixes.some((p) => d.code.startsWith(p) || p.startsWith(d.code)))
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((d) => ({ value: d.code, label: d.name })),
    [divisions.data, prefixes],
  );
  return { options, loading: divisions.isPending };
}

function Totals({ data }: { data: DeliveryDashboard }) {
  const { t, i18n } = useTranslation();
  const labels = useKindLabels();
  const fmt = (n: number) => formatCount(n, i18n.language);
  return (
    <ul className="sg-plain-list sg-insights-totals" aria-label={t('insights.totalsLabel')}>
      {COUNTED_KINDS.map((kind) => (
        <li key={kind}>
          <Card size="small" data-testid={`delivery-total-${kind}`}>
            <Statistic title={labels[kind]} value={data.totals[kind]} formatter={(v) => fmt(Number(v))} />
          </Card>
        </li>
      ))}
      <li>
        <Card size="small" data-testid="delivery-total-satisfaction">
          <Statistic
            title={t('insights.kinds.satisfaction')}
            value={data.totals.satisfaction ?? t('common.empty')}
            formatter={(v) => (typeof v === 'number' ? `${fmt(v)}%` : String(v))}
          />
        </Card>
      </li>
    </ul>
  );
}

function MonthlyChart({ data }: { data: DeliveryDashboard }) {
  const { t, i18n } = useTranslation();
  const labels = useKindLabels();
  const fmt = (n: number) => formatCount(n, i18n.language);
  // Every month of the period, the quiet ones as zeros, so that the bars line up with the calendar.
  const months: Month[] = useMemo(() => {
    const byMonth = new Map(data.byMonth.map((m) => [m.month, m]));
    return monthsBetween(data.from, data.to).map(
      (month) => byMonth.get(month) ?? { month, cases: 0, groups: 0, activities: 0, contacts: 0 },
    );
  }, [data]);
  const option = useMemo<ChartOption>(
    () => ({
      animationDuration: 300,
      tooltip: { trigger: 'axis' },
      // One scrollable line: on a phone a wrapped legend would run into the axis names.
      legend: { top: 0, type: 'scroll' },
      grid: { left: 48, right: 56, top: 64, bottom: 32 },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: [
        { type: 'value', name: t('insights.chart.countAxis'), minInterval: 1 },
        { type: 'value', name: t('insights.chart.contactsAxis'), minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        ...(['cases', 'groups', 'activities'] as const).map((kind) => ({
          type: 'bar' as const,
          name: labels[kind],
          data: months.map((m) => m[kind]),
        })),
        {
          type: 'line' as const,
          name: labels.contacts,
          yAxisIndex: 1,
          data: months.map((m) => m.contacts),
        },
      ],
    }),
    [months, labels, t],
  );
  const first = months[0]?.month ?? data.from.slice(0, 7);
  const last = months[months.length - 1]?.month ?? data.to.slice(0, 7);
  const summary = t('insights.chart.label', {
    from: first,
    to: last,
    totals: COUNTED_KINDS.map((k) => `${labels[k]} ${fmt(data.totals[k])}`).join(t('common.listSeparator')),
  });
  return (
    <>
      <EChart option={option} label={summary} testId="delivery-chart" />
      <details className="sg-insights-table-alt">
        <summary>{t('insights.chart.asTable')}</summary>
        <table className="sg-mini-table" data-testid="delivery-month-table">
          <caption className="sg-visually-hidden">{t('insights.byMonth')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('insights.month')}</th>
              {COUNTED_KINDS.map((k) => (
                <th key={k} scope="col">
                  {labels[k]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{m.month}</th>
                {COUNTED_KINDS.map((k) => (
                  <td key={k}>{fmt(m[k])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

function ByTown({ data }: { data: DeliveryDashboard }) {
  const { t, i18n } = useTranslation();
  const max = Math.max(0, ...data.byTown.map((town) => town.contacts));
  return (
    <Table<DeliveryDashboard['byTown'][number]>
      data-testid="delivery-by-town"
      size="small"
      rowKey="divisionCode"
      pagination={false}
      dataSource={data.byTown}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('insights.noData')} /> }}
      columns={[
        { title: t('insights.town'), key: 'town', dataIndex: 'divisionName', className: 'sg-nowrap' },
        {
          title: t('insights.kinds.contacts'),
          key: 'contacts',
          dataIndex: 'contacts',
          className: 'sg-insights-bar-cell',
          render: (contacts: number, row) => (
            <div className="sg-insights-bar">
              <Progress
                percent={max > 0 ? (contacts / max) * 100 : 0}
                showInfo={false}
                size="small"
                aria-label={`${row.divisionName}：${formatCount(contacts, i18n.language)}`}
              />
              <span className="sg-insights-bar-value">{formatCount(contacts, i18n.language)}</span>
            </div>
          ),
        },
      ]}
    />
  );
}

function IndicatorProgress({ indicator }: { indicator: Indicator }) {
  const { t, i18n } = useTranslation();
  const vocabulary = useProjectVocabulary();
  const unit = vocabulary.indicatorUnit(indicator.kind as IndicatorKind);
  const fmt = (n: number) => formatCount(n, i18n.language);
  const qty = (n: number) => (unit === '%' ? `${fmt(n)}%` : unit ? `${fmt(n)} ${unit}` : fmt(n));
  const share = indicator.target > 0 ? indicator.actual / indicator.target : 0;
  const text = t('insights.projects.actualOfTarget', { actual: qty(indicator.actual), target: qty(indicator.target) });
  return (
    <div className="sg-insights-indicator" data-testid="delivery-indicator">
      <span className="sg-insights-indicator-name">{indicator.name}</span>
      <Progress
        // Rounded down: 89.7 of 90 is not yet 100 %.
        percent={Math.min(100, Math.floor(share * 100))}
        size="small"
        status={share >= 1 ? 'success' : 'normal'}
        aria-label={`${indicator.name}：${text}`}
      />
      <span className="sg-muted sg-nowrap">{text}</span>
    </div>
  );
}

function Indicators({ project }: { project: Project }) {
  const { t } = useTranslation();
  if (project.indicators.length === 0)
    return <Typography.Text type="secondary">{t('insights.projects.noIndicators')}</Typography.Text>;
  return (
    <div className="sg-stack-tight">
      {project.indicators.map((i) => (
        <IndicatorProgress key={`${i.kind}-${i.name}`} indicator={i} />
      ))}
    </div>
  );
}

const isStatus = (s: string): s is ProjectStatus => (PROJECT_STATUSES as readonly string[]).includes(s);

function StatusCell({ status }: { status: string }) {
  return isStatus(status) ? <ProjectStatusTag status={status} /> : <span>{status}</span>;
}

function Projects({ data }: { data: DeliveryDashboard }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const nameLink = (p: Project) => (
    <Link to={projectPath(p.projectId)} className="sg-cell-wrap">
      {p.name}
    </Link>
  );
  return (
    <Table<Project>
      data-testid="delivery-projects"
      rowKey="projectId"
      size="small"
      dataSource={data.projects}
      pagination={data.projects.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      scroll={isMobile ? undefined : { x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('insights.projects.empty')} /> }}
      columns={
        isMobile
          ? [
              {
                // A phone has no room for three columns: the project, its status and its indicators stacked.
                title: t('insights.projects.indicators'),
                key: 'project',
                render: (_: unknown, p) => (
                  <div className="sg-stack-tight">
                    <span className="sg-tags">
                      {nameLink(p)}
                      <StatusCell status={p.status} />
                    </span>
                    <Indicators project={p} />
                  </div>
                ),
              },
            ]
          : [
              {
                title: t('insights.projects.name'),
                key: 'name',
                dataIndex: 'name',
                render: (_: string, p) => nameLink(p),
              },
              {
                title: t('insights.projects.status'),
                key: 'status',
                dataIndex: 'status',
                className: 'sg-nowrap',
                render: (status: string) => <StatusCell status={status} />,
              },
              {
                title: t('insights.projects.indicators'),
                key: 'indicators',
                render: (_: unknown, p) => <Indicators project={p} />,
              },
            ]
      }
    />
  );
}

/**
 * /console/delivery-dashboard — 服务数据看板: what the service records of the projects in the caller's scope added to
 * their indicators, over a period and (optionally) one street or town. Aggregates only: no person appears here.
 */
export default function DeliveryDashboardPage() {
  const { t } = useTranslation();
  useDayjsLocale();
  const { filters, setFilters, resetFilters } = useListParams(FILTER_KEYS);
  const towns = useTownOptions();
  const today = todayInShanghai();
  const from = filters.from && DATE.test(filters.from) ? filters.from : `${today.slice(0, 4)}-01-01`;
  const to = filters.to && DATE.test(filters.to) ? filters.to : today;
  const town = filters.town && TOWN.test(filters.town) ? filters.town : undefined;
  const params: DashboardParams = { from, to, divisionCode: town };
  const dashboard = useQuery({
    queryKey: queryKeys.deliveryDashboard(params),
    queryFn: ({ signal }) => getDeliveryDashboard(params, { signal }),
    placeholderData: keepPreviousData,
  });
  const data = dashboard.data;

  return (
    <>
      <PageHeader title={t('insights.title')} description={t('insights.description')} />
      <search className="sg-toolbar" aria-label={t('common.filters')}>
        <DatePicker.RangePicker
          className="sg-toolbar-range"
          aria-label={t('insights.period')}
          placeholder={[t('insights.periodFrom'), t('insights.periodTo')]}
          value={[toDay(from), toDay(to)]}
          allowClear={false}
          onChange={(range) =>
            setFilters({ from: fromDay(range?.[0]) ?? undefined, to: fromDay(range?.[1]) ?? undefined })
          }
          data-testid="delivery-period"
        />
        <Select
          className="sg-toolbar-select"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('insights.town')}
          placeholder={t('insights.allTowns')}
          loading={towns.loading}
          options={towns.options}
          value={town}
          onChange={(next?: string) => setFilters({ town: next })}
          data-testid="delivery-town"
        />
        <Button onClick={resetFilters}>{t('insights.thisYear')}</Button>
      </search>
      {dashboard.isError && !data ? (
        <QueryErrorResult error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : !data ? (
        <Card loading />
      ) : (
        <div className="sg-stack" aria-busy={dashboard.isFetching} data-testid="delivery-dashboard">
          <Typography.Paragraph type="secondary" className="sg-insights-period">
            {t('insights.periodShown', { from: data.from, to: data.to })}
          </Typography.Paragraph>
          <Totals data={data} />
          <div className="sg-insights-columns">
            <Card title={<h2 className="sg-card-title">{t('insights.byMonth')}</h2>}>
              <MonthlyChart data={data} />
            </Card>
            <Card title={<h2 className="sg-card-title">{t('insights.byTown')}</h2>}>
              <ByTown data={data} />
            </Card>
          </div>
          <Card title={<h2 className="sg-card-title">{t('insights.projects.title')}</h2>}>
            <Projects data={data} />
          </Card>
        </div>
      )}
    </>
  );
}
