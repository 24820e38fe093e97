import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Progress,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INDICATOR_KINDS, type IndicatorKind } from '../../../../contracts/projects';
import { isApiError } from '../../api/client';
import {
  getProjectIndicators,
  type IndicatorOverview,
  type IndicatorProgress,
  listProgressReports,
  type ProgressReport,
  type ProjectDetail,
  queryKeys,
  setProjectIndicators,
  submitProgressReport,
} from '../../api/endpoints';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { formatDateTime } from '../../components/format';
import { applyServerErrors } from '../../components/serverErrors';
import { fromDay, todayInShanghai, useDayjsLocale } from '../registry/dates';
import { TableEmpty, useProjectVocabulary } from './projectBits';

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, ''));
const pct = (share: number) => Math.round(share * 100);
/** A quantity with its unit: `40 个`, `90%`. */
const qty = (n: number, unit: string) => (unit === '%' ? `${fmt(n)}%` : unit ? `${fmt(n)} ${unit}` : fmt(n));

/** One indicator: a bar of actual against target, a marker where it should be by now, and the shortfall. */
function IndicatorRow({ indicator }: { indicator: IndicatorProgress }) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  const unit = indicator.unit || vocabulary.indicatorUnit(indicator.kind);
  const expectedShare = indicator.target > 0 ? Math.min(1, indicator.expectedByNow / indicator.target) : 0;
  const summary = t('projects.indicators.actualOfTarget', {
    actual: qty(indicator.actual, unit),
    target: qty(indicator.target, unit),
    percent: pct(indicator.progress),
  });
  return (
    <li className="sg-indicator" data-testid="project-indicator">
      <div className="sg-indicator-head">
        <Typography.Text strong>{indicator.name}</Typography.Text>
        {indicator.name !== vocabulary.indicatorKind(indicator.kind) ? (
          <Tag>{vocabulary.indicatorKind(indicator.kind)}</Tag>
        ) : null}
        <Tag color={indicator.onTrack ? 'success' : 'warning'}>
          {indicator.onTrack ? t('projects.indicators.onTrack') : t('projects.indicators.behind')}
        </Tag>
      </div>
      <div className="sg-indicator-bar">
        <Progress
          percent={Math.min(100, pct(indicator.progress))}
          showInfo={false}
          status={indicator.progress >= 1 ? 'success' : indicator.onTrack ? 'normal' : 'exception'}
          aria-label={`${indicator.name}：${summary}`}
        />
        <span
          className="sg-indicator-marker"
          style={{ left: `${expectedShare * 100}%` }}
          aria-hidden
          title={t('projects.indicators.expectedMarker')}
        />
      </div>
      <div className="sg-indicator-text">
        <span>{summary}</span>
        <span className="sg-muted">
          {t('projects.indicators.expected', { expected: qty(indicator.expectedByNow, unit) })}
          {indicator.shortfall > 0
            ? ` · ${t('projects.indicators.shortfall', { shortfall: qty(indicator.shortfall, unit) })}`
            : ''}
          {indicator.fromServiceRecords !== null
            ? ` · ${t('projects.indicators.fromServiceRecords', { value: qty(indicator.fromServiceRecords, unit) })}`
            : ''}
        </span>
      </div>
      {indicator.series.length > 0 ? (
        <details className="sg-indicator-series">
          <summary>{t('projects.indicators.series')}</summary>
          <table className="sg-mini-table">
            <thead>
              <tr>
                <th scope="col">{t('projects.indicators.periodEnd')}</th>
                <th scope="col">{t('projects.indicators.cumulative', { unit })}</th>
              </tr>
            </thead>
            <tbody>
              {indicator.series.map((s) => (
                <tr key={s.periodEnd}>
                  <td>{s.periodEnd}</td>
                  <td>{fmt(s.actual)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </li>
  );
}

interface TargetRow {
  id?: string;
  kind: IndicatorKind;
  name: string;
  unit: string;
  target: number | null;
}

function TargetsEditor({
  project,
  overview,
  onSaved,
  onCancel,
}: {
  project: ProjectDetail;
  overview: IndicatorOverview;
  onSaved: (next: IndicatorOverview) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  const [form] = Form.useForm<{ indicators: TargetRow[] }>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const mutation = useMutation({
    mutationFn: (rows: TargetRow[]) =>
      setProjectIndicators(project.id, {
        version: project.version,
        indicators: rows.map((r) => ({
          ...(r.id ? { id: r.id } : {}),
          kind: r.kind,
          name: r.name.trim(),
          unit: (r.unit ?? '').trim(),
          target: r.target ?? 0,
        })),
      }),
    onSuccess: (next) => {
      setErrors(null);
      onSaved(next);
    },
    onError: (error) => {
      const map: Record<string, (string | number)[]> = {};
      // Per-row issues: body.indicators.3.target → the row's target field.
      if (isApiError(error))
        for (const issue of error.issues) {
          const m = /^body\.indicators\.(\d+)\.(\w+)$/.exec(issue.field);
          if (m) map[`indicators.${m[1]}.${m[2]}`] = ['indicators', Number(m[1]), m[2] as string];
        }
      setErrors(applyServerErrors(form, error, map));
    },
  });

  const onKind = (index: number, kind: IndicatorKind) => {
    const rows = (form.getFieldValue('indicators') as TargetRow[]) ?? [];
    const row = rows[index];
    if (!row) return;
    const namedByKind = INDICATOR_KINDS.some((k) => vocabulary.indicatorKind(k) === row.name);
    form.setFieldValue(['indicators', index], {
      ...row,
      kind,
      name: !row.name || namedByKind ? (kind === 'custom' ? '' : vocabulary.indicatorKind(kind)) : row.name,
      unit: vocabulary.indicatorUnit(kind),
    });
  };

  return (
    <Card size="small" title={<h2 className="sg-card-title">{t('projects.indicators.editTitle')}</h2>}>
      <FormErrorAlert messages={errors} />
      <Form<{ indicators: TargetRow[] }>
        form={form}
        name="project-indicators"
        layout="vertical"
        initialValues={{
          indicators: overview.indicators.map((i) => ({
            id: i.id,
            kind: i.kind,
            name: i.name,
            unit: i.unit,
            target: i.target,
          })),
        }}
        onFinish={(v) => {
          setErrors(null);
          mutation.mutate(v.indicators ?? []);
        }}
      >
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <div className="sg-stack-tight">
              {fields.map((field, index) => (
                <fieldset key={field.key} className="sg-fieldset sg-indicator-edit-row">
                  <legend className="sg-visually-hidden">{t('projects.indicators.rowLegend', { n: index + 1 })}</legend>
                  <Form.Item
                    name={[field.name, 'kind']}
                    label={t('projects.indicators.kind')}
                    rules={[{ required: true, message: t('projects.indicators.kindRequired') }]}
                  >
                    <Select<IndicatorKind>
                      options={INDICATOR_KINDS.map((k) => ({ value: k, label: vocabulary.indicatorKind(k) }))}
                      onChange={(k) => onKind(field.name, k)}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('projects.indicators.name')}
                    rules={[
                      { required: true, whitespace: true, message: t('projects.indicators.nameRequired') },
                      { max: 100, message: t('projects.indicators.nameMax') },
                    ]}
                  >
                    <Input maxLength={100} autoComplete="off" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'unit']}
                    label={t('projects.indicators.unit')}
                    rules={[{ max: 20, message: t('projects.indicators.unitMax') }]}
                  >
                    <Input maxLength={20} autoComplete="off" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'target']}
                    label={t('projects.indicators.target')}
                    dependencies={[['indicators', field.name, 'kind']]}
                    rules={[
                      { required: true, message: t('projects.indicators.targetRequired') },
                      ({ getFieldValue }) => ({
                        validator: (_r, value: number | null) => {
                          if (value === null || value === undefined) return Promise.resolve();
                          if (value <= 0) return Promise.reject(new Error(t('projects.indicators.targetPositive')));
                          const kind = getFieldValue(['indicators', field.name, 'kind']) as IndicatorKind;
                          if (kind === 'satisfaction' && value > 100)
                            return Promise.reject(new Error(t('projects.indicators.satisfactionMax')));
                          return Promise.resolve();
                        },
                      }),
                    ]}
                  >
                    <InputNumber<number> min={0} max={1e9} precision={2} className="sg-full-width" />
                  </Form.Item>
                  <Button
                    className="sg-indicator-remove"
                    icon={<DeleteOutlined />}
                    aria-label={t('projects.indicators.remove', { n: index + 1 })}
                    onClick={() => remove(field.name)}
                  />
                </fieldset>
              ))}
              <div>
                <Button
                  icon={<PlusOutlined />}
                  disabled={fields.length >= 50}
                  data-testid="indicator-add"
                  onClick={() =>
                    add({
                      kind: 'cases',
                      name: vocabulary.indicatorKind('cases'),
                      unit: vocabulary.indicatorUnit('cases'),
                      target: null,
                    })
                  }
                >
                  {t('projects.indicators.add')}
                </Button>
              </div>
            </div>
          )}
        </Form.List>
        <Space wrap className="sg-step-actions">
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="indicator-save">
            {t('projects.indicators.save')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

interface ReportValues {
  periodEnd: Dayjs | null;
  summary: string;
  values: Record<string, { value?: number | null; evidence?: string }>;
}

function ProgressReportForm({
  project,
  overview,
  onSubmitted,
  onCancel,
}: {
  project: ProjectDetail;
  overview: IndicatorOverview;
  onSubmitted: (next: IndicatorOverview) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  const [form] = Form.useForm<ReportValues>();
  const [errors, setErrors] = useState<string[] | null>(null);
  useDayjsLocale();
  const mutation = useMutation({
    mutationFn: (v: ReportValues) =>
      submitProgressReport(project.id, {
        periodEnd: fromDay(v.periodEnd) ?? '',
        summary: v.summary ?? '',
        values: overview.indicators.flatMap((i) => {
          const entry = v.values?.[i.id];
          return entry?.value === null || entry?.value === undefined
            ? []
            : [{ indicatorId: i.id, value: entry.value, evidence: entry.evidence ?? '' }];
        }),
      }),
    onSuccess: (next) => {
      setErrors(null);
      onSubmitted(next);
    },
    onError: (error) => setErrors(applyServerErrors(form, error, { periodEnd: ['periodEnd'], summary: ['summary'] })),
  });

  const today = todayInShanghai();
  return (
    <Card size="small" title={<h2 className="sg-card-title">{t('projects.indicators.reportTitle')}</h2>}>
      <FormErrorAlert messages={errors} />
      <Form<ReportValues>
        form={form}
        name="progress-report"
        layout="vertical"
        onFinish={(v) => {
          const any = overview.indicators.some((i) => typeof v.values?.[i.id]?.value === 'number');
          if (!any) {
            setErrors([t('projects.indicators.reportNeedsValue')]);
            return;
          }
          setErrors(null);
          mutation.mutate(v);
        }}
      >
        <Form.Item
          name="periodEnd"
          label={t('projects.indicators.reportPeriodEnd')}
          extra={t('projects.indicators.reportPeriodHint')}
          rules={[{ required: true, message: t('projects.indicators.reportPeriodRequired') }]}
        >
          <DatePicker
            disabledDate={(d) => {
              const day = d.format('YYYY-MM-DD');
              return day > today || day < project.periodFrom;
            }}
          />
        </Form.Item>
        <div className="sg-stack-tight">
          {overview.indicators.map((i) => {
            const unit = i.unit || vocabulary.indicatorUnit(i.kind);
            return (
              <fieldset key={i.id} className="sg-fieldset sg-report-row">
                <legend className="sg-report-legend">
                  {i.name}
                  <span className="sg-muted">
                    {t('projects.indicators.actualOfTargetShort', {
                      actual: qty(i.actual, unit),
                      target: qty(i.target, unit),
                    })}
                  </span>
                </legend>
                <Form.Item
                  name={['values', i.id, 'value']}
                  label={
                    i.kind === 'satisfaction'
                      ? t('projects.indicators.reportRate', { unit })
                      : t('projects.indicators.reportValue', { unit })
                  }
                  rules={[
                    {
                      validator: (_r, value: number | null | undefined) =>
                        i.kind === 'satisfaction' && typeof value === 'number' && value > 100
                          ? Promise.reject(new Error(t('projects.indicators.satisfactionMax')))
                          : Promise.resolve(),
                    },
                  ]}
                >
                  <InputNumber<number> min={0} max={1e9} precision={2} className="sg-full-width" />
                </Form.Item>
                <Form.Item
                  name={['values', i.id, 'evidence']}
                  label={t('projects.indicators.evidence')}
                  rules={[{ max: 1000, message: t('projects.indicators.evidenceMax') }]}
                >
                  <Input maxLength={1000} autoComplete="off" />
                </Form.Item>
              </fieldset>
            );
          })}
        </div>
        <Form.Item
          name="summary"
          label={t('projects.indicators.reportSummary')}
          rules={[{ max: 5000, message: t('projects.indicators.summaryMax') }]}
        >
          <Input.TextArea rows={3} maxLength={5000} showCount />
        </Form.Item>
        <Space wrap>
          {/* No submit button: Enter in the date picker confirms the date instead of sending the report. */}
          <Button type="primary" onClick={() => form.submit()} loading={mutation.isPending}>
            {t('projects.indicators.reportSubmit')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

function ReportList({ reports }: { reports: ProgressReport[] }) {
  const { t } = useTranslation();
  return (
    <Table<ProgressReport>
      rowKey="id"
      size="small"
      dataSource={reports}
      pagination={reports.length > 10 ? { pageSize: 10 } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <TableEmpty text={t('projects.indicators.noReports')} /> }}
      columns={[
        {
          title: t('projects.indicators.periodEnd'),
          key: 'periodEnd',
          dataIndex: 'periodEnd',
          className: 'sg-nowrap',
        },
        {
          title: t('projects.indicators.reportedValues'),
          key: 'values',
          render: (_: unknown, r) => (
            <ul className="sg-plain-list">
              {r.values.map((v) => (
                <li key={v.indicatorId}>
                  {v.name}：{fmt(v.value)}
                  {v.evidence ? <span className="sg-muted">（{v.evidence}）</span> : null}
                </li>
              ))}
            </ul>
          ),
        },
        {
          title: t('projects.indicators.reportSummary'),
          key: 'summary',
          render: (_: unknown, r) => <span className="sg-cell-wrap sg-pre-line">{r.summary || t('common.empty')}</span>,
        },
        {
          title: t('projects.indicators.submittedAt'),
          key: 'submittedAt',
          className: 'sg-nowrap',
          render: (_: unknown, r) => formatDateTime(r.submittedAt),
        },
      ]}
    />
  );
}

/** 服务指标: targets, progress against the service period, the target editor and the agency's progress reports. */
export function ProjectIndicatorsTab({
  project,
  onProjectChanged,
}: {
  project: ProjectDetail;
  onProjectChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'view' | 'edit' | 'report'>('view');
  const key = queryKeys.projectPart(project.id, 'indicators');
  const reportsKey = queryKeys.projectPart(project.id, 'reports');
  const overview = useQuery({ queryKey: key, queryFn: ({ signal }) => getProjectIndicators(project.id, { signal }) });
  const reports = useQuery({
    queryKey: reportsKey,
    queryFn: ({ signal }) => listProgressReports(project.id, { signal }),
  });

  if (overview.isPending) return <Spin />;
  if (overview.isError) return <QueryErrorResult error={overview.error} onRetry={() => void overview.refetch()} />;
  const data = overview.data;

  return (
    <div className="sg-stack" data-testid="project-indicators">
      <div className="sg-indicator-toolbar">
        <Typography.Text>{t('projects.indicators.elapsed', { percent: pct(data.elapsed) })}</Typography.Text>
        {mode === 'view' ? (
          <Space wrap>
            {data.canEdit ? (
              <Button icon={<EditOutlined />} onClick={() => setMode('edit')} data-testid="indicator-edit">
                {t('projects.indicators.edit')}
              </Button>
            ) : null}
            {data.canReport && data.indicators.length > 0 ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setMode('report')} data-testid="report-new">
                {t('projects.indicators.report')}
              </Button>
            ) : null}
          </Space>
        ) : null}
      </div>

      {mode === 'edit' ? (
        <TargetsEditor
          project={project}
          overview={data}
          onCancel={() => setMode('view')}
          onSaved={(next) => {
            queryClient.setQueryData(key, next);
            message.success(t('projects.indicators.saved'));
            setMode('view');
            // The project's version moved on with the targets.
            onProjectChanged();
          }}
        />
      ) : null}
      {mode === 'report' ? (
        <ProgressReportForm
          project={project}
          overview={data}
          onCancel={() => setMode('view')}
          onSubmitted={(next) => {
            queryClient.setQueryData(key, next);
            void queryClient.invalidateQueries({ queryKey: reportsKey });
            message.success(t('projects.indicators.reported'));
            setMode('view');
          }}
        />
      ) : null}

      {data.indicators.length === 0 ? (
        <Empty description={data.canEdit ? t('projects.indicators.emptyCanEdit') : t('projects.indicators.empty')} />
      ) : (
        <ul className="sg-plain-list sg-indicators">
          {data.indicators.map((i) => (
            <IndicatorRow key={i.id} indicator={i} />
          ))}
        </ul>
      )}
      {data.indicators.length > 0 ? (
        <Alert type="info" showIcon title={t('projects.indicators.legend')} className="sg-indicator-legend" />
      ) : null}

      <section aria-labelledby="project-reports-title">
        <Typography.Title level={2} className="sg-section-title" id="project-reports-title">
          {t('projects.indicators.reportsTitle')}
        </Typography.Title>
        {reports.isError ? (
          <QueryErrorResult error={reports.error} onRetry={() => void reports.refetch()} />
        ) : (
          <ReportList reports={reports.data ?? []} />
        )}
      </section>
    </div>
  );
}
