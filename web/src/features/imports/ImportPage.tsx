import { InboxOutlined } from '@ant-design/icons';
import { skipToken, type UseQueryResult, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Progress,
  Radio,
  Result,
  Row,
  Segmented,
  Space,
  Statistic,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import {
  commitImportJob,
  downloadImportReport,
  downloadImportTemplate,
  getImportJob,
  type ImportError,
  type ImportJob,
  type ImportKind,
  type ImportMode,
  importFormatOf,
  queryKeys,
  uploadImport,
} from '../../api/endpoints';
import { useMe } from '../../app/session';
import { DownloadButtons } from '../../components/DownloadButtons';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { isUuid } from '../../components/tableDefaults';
import { importInvalidates, importKindsOf, importListPath, isImportKind } from './importKinds';

const MAX_BYTES = 20 * 1024 * 1024;
const POLL_MS = 700;

const isRunning = (job: ImportJob | undefined) => job?.status === 'validating' || job?.status === 'importing';

function percent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((done / total) * 100));
}

/** The job, polled while it validates or imports. */
function useImportJob(jobId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.importJob(jobId ?? ''),
    queryFn: jobId ? ({ signal }) => getImportJob(jobId, { signal }) : skipToken,
    refetchInterval: (query) => (isRunning(query.state.data) ? POLL_MS : false),
    refetchIntervalInBackground: true,
  });
}

/**
 * 批量导入: choose what to import, upload a spreadsheet, review the validation, then import. The kind lives in
 * `?kind=` (default: the first kind the user may import) and the job id in `?job=`; a job page takes its kind from
 * the job itself.
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const kinds = useMemo(() => importKindsOf(me), [me]);
  const [params, setParams] = useSearchParams();
  const raw = params.get('job') ?? undefined;
  const jobId = isUuid(raw) ? raw : undefined;
  const job = useImportJob(jobId);
  const asked = params.get('kind');
  // The route guard lets in only users who may import some kind; 'workers' merely satisfies the type.
  const chosen = (isImportKind(asked) && kinds.includes(asked) ? asked : kinds[0]) ?? 'workers';
  const jobKind = jobId ? job.data?.kind : undefined;
  const kind = jobKind ?? chosen;

  const go = (next: { job?: string; kind: ImportKind }, replace: boolean) =>
    setParams(
      (prev) => {
        const search = new URLSearchParams(prev);
        search.set('kind', next.kind);
        if (next.job) search.set('job', next.job);
        else search.delete('job');
        return search;
      },
      { replace },
    );

  // Keep the address truthful: a missing or refused kind becomes the default, a job's page shows the job's kind.
  const shown = jobId ? jobKind : chosen;
  useEffect(() => {
    if (shown && asked !== shown) {
      setParams(
        (prev) => {
          const search = new URLSearchParams(prev);
          search.set('kind', shown);
          return search;
        },
        { replace: true },
      );
    }
  }, [shown, asked, setParams]);

  return (
    <>
      <PageHeader
        title={t(`imports.kinds.${kind}.title`)}
        description={t(`imports.kinds.${kind}.description`)}
        extra={<Link to={importListPath(kind)}>{t(`imports.kinds.${kind}.backToList`)}</Link>}
      />
      {jobId ? (
        <JobView key={jobId} job={job} kind={kind} onRestart={() => go({ kind }, true)} />
      ) : (
        <UploadStep
          key={kind}
          kind={kind}
          kinds={kinds}
          onKind={(next) => go({ kind: next }, true)}
          onUploaded={(uploaded) => go({ job: uploaded.id, kind: uploaded.kind }, false)}
        />
      )}
    </>
  );
}

function StepBar({ current, status }: { current: number; status?: 'error' | 'finish' | 'process' }) {
  const { t } = useTranslation();
  return (
    <Steps
      className="sg-import-steps"
      current={current}
      status={status}
      items={[
        { title: t('imports.steps.upload') },
        { title: t('imports.steps.validate') },
        { title: t('imports.steps.import') },
      ]}
    />
  );
}

// ---- ① 下载模板 + 选择文件 --------------------------------------------------------------------------------

function UploadStep({
  kind,
  kinds,
  onKind,
  onUploaded,
}: {
  kind: ImportKind;
  /** The kinds the user may import. */
  kinds: readonly ImportKind[];
  onKind: (kind: ImportKind) => void;
  onUploaded: (job: ImportJob) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string[] | null>(null);

  const upload = useMutation({
    mutationFn: (file: File) => {
      const format = importFormatOf(file.name);
      if (!format) throw new Error(t('imports.unsupported'));
      return uploadImport(kind, file, format);
    },
    onSuccess: (job) => {
      queryClient.setQueryData(queryKeys.importJob(job.id), job);
      onUploaded(job);
    },
    onError: (error) => setProblem([error instanceof Error ? error.message : t('errors.unexpected')]),
  });

  const choose = (file: File) => {
    setProblem(null);
    if (!importFormatOf(file.name)) setProblem([t('imports.unsupported')]);
    else if (file.size > MAX_BYTES) setProblem([t('imports.tooLarge')]);
    else if (file.size === 0) setProblem([t('imports.emptyFile')]);
    else upload.mutate(file);
    return false;
  };

  return (
    <Card>
      <StepBar current={0} />
      {kinds.length > 1 ? (
        <div className="sg-import-kind">
          <Typography.Text strong aria-hidden>
            {t('imports.kind')}
          </Typography.Text>
          <Segmented<ImportKind>
            aria-label={t('imports.kind')}
            data-testid="import-kind"
            value={kind}
            options={kinds.map((k) => ({ value: k, label: t(`imports.kinds.${k}.label`) }))}
            onChange={onKind}
          />
        </div>
      ) : null}
      <Typography.Title level={2} className="sg-section-title">
        {t('imports.templateTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('imports.templateHint', { rowHint: t(`imports.kinds.${kind}.rowHint`) })}
        <br />
        {t(`imports.kinds.${kind}.columns`)}
      </Typography.Paragraph>
      <DownloadButtons
        label={t('imports.template')}
        download={(format) => downloadImportTemplate(kind, format)}
        testId="import-template"
      />
      <Typography.Title level={2} className="sg-section-title">
        {t('imports.chooseTitle')}
      </Typography.Title>
      <FormErrorAlert messages={problem} />
      <div data-testid="import-upload">
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          maxCount={1}
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={choose}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{upload.isPending ? t('imports.uploading') : t('imports.dropHere')}</p>
          <p className="ant-upload-hint">{t('imports.dropHint')}</p>
        </Upload.Dragger>
      </div>
    </Card>
  );
}

// ---- ② 校验 and ③ 导入 ------------------------------------------------------------------------------------

function JobView({
  job,
  kind,
  onRestart,
}: {
  job: UseQueryResult<ImportJob>;
  kind: ImportKind;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [proceed, setProceed] = useState(false);
  const listPath = importListPath(kind);

  const status = job.data?.status;
  useEffect(() => {
    if (status === 'completed') void queryClient.invalidateQueries({ queryKey: importInvalidates(kind) });
  }, [status, kind, queryClient]);

  const restart = (
    <Button key="restart" onClick={onRestart}>
      {t('imports.restart')}
    </Button>
  );

  if (job.isError && !job.data) {
    return (
      <Card>
        <QueryErrorResult error={job.error} onRetry={() => void job.refetch()} />
        <div className="sg-center">{restart}</div>
      </Card>
    );
  }
  const data = job.data;
  if (!data) {
    return (
      <Card loading>
        <StepBar current={1} />
      </Card>
    );
  }

  if (data.status === 'validating') {
    return (
      <Card>
        <StepBar current={1} />
        <RunningProgress
          label={t('imports.validating', { file: data.fileName })}
          done={data.processedRows}
          total={data.totalRows}
        />
      </Card>
    );
  }

  if (data.status === 'failed') {
    return (
      <Card>
        <StepBar current={data.mode ? 2 : 1} status="error" />
        <Result
          status="error"
          title={t('imports.failed')}
          subTitle={data.failure ?? t('errors.unexpected')}
          extra={[restart]}
        />
      </Card>
    );
  }

  if (data.status === 'validated' && !proceed) {
    return (
      <Card>
        <StepBar current={1} />
        <ValidationSummary job={data} />
        <Space wrap className="sg-step-actions">
          {restart}
          <Button type="primary" disabled={data.validRows === 0} onClick={() => setProceed(true)}>
            {t('imports.next')}
          </Button>
        </Space>
        {data.validRows === 0 ? (
          <Typography.Paragraph type="danger">{t('imports.nothingValid')}</Typography.Paragraph>
        ) : null}
      </Card>
    );
  }

  if (data.status === 'validated') {
    return (
      <Card>
        <StepBar current={2} />
        <CommitStep job={data} kind={kind} onBack={() => setProceed(false)} />
      </Card>
    );
  }

  if (data.status === 'importing') {
    return (
      <Card>
        <StepBar current={2} />
        <RunningProgress label={t('imports.importing')} done={data.importedRows} total={data.validRows} />
      </Card>
    );
  }

  // completed
  const skipped = data.totalRows - data.importedRows;
  return (
    <Card>
      <StepBar current={2} status="finish" />
      <div data-testid="import-result">
        <Result
          status="success"
          title={t(`imports.kinds.${kind}.completed`, { count: data.importedRows })}
          subTitle={skipped > 0 ? t('imports.skipped', { count: skipped }) : data.fileName}
          extra={[
            <Button
              key="list"
              type="primary"
              href={listPath}
              onClick={(e) => {
                e.preventDefault();
                void navigate(listPath);
              }}
            >
              {t(`imports.kinds.${kind}.openList`)}
            </Button>,
            restart,
          ]}
        />
      </div>
    </Card>
  );
}

function RunningProgress({ label, done, total }: { label: string; done: number; total: number }) {
  const { t } = useTranslation();
  return (
    <div className="sg-import-progress" role="status" aria-live="polite">
      <Typography.Paragraph>{label}</Typography.Paragraph>
      <Progress percent={percent(done, total)} status="active" />
      <Typography.Text type="secondary">{t('imports.rowsOf', { done, total })}</Typography.Text>
    </div>
  );
}

function ValidationSummary({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={[16, 16]} className="sg-import-stats">
        <Col xs={8}>
          <Statistic title={t('imports.totalRows')} value={job.totalRows} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('imports.validRows')} value={job.validRows} />
        </Col>
        <Col xs={8}>
          <Statistic
            title={t('imports.invalidRows')}
            value={job.invalidRows}
            styles={job.invalidRows > 0 ? { content: { color: 'var(--ant-color-error)' } } : undefined}
          />
        </Col>
      </Row>
      {job.invalidRows === 0 ? (
        <Alert type="success" showIcon title={t('imports.allValid')} className="sg-form-alert" />
      ) : (
        <>
          <Space wrap className="sg-step-actions">
            <Typography.Text strong>{t('imports.problems')}</Typography.Text>
            <DownloadButtons
              size="small"
              label={t('imports.report')}
              download={(format) => downloadImportReport(job.id, format)}
              testId="import-report"
            />
          </Space>
          {job.errorsTruncated ? (
            <Alert type="info" showIcon title={t('imports.truncated')} className="sg-form-alert" />
          ) : null}
          <Table<ImportError>
            data-testid="import-errors"
            size="small"
            rowKey={(e) => `${e.row}:${e.column}:${e.code}`}
            dataSource={job.errors}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('imports.row'), dataIndex: 'row', key: 'row', width: 90 },
              { title: t('imports.column'), dataIndex: 'column', key: 'column', className: 'sg-nowrap' },
              { title: t('imports.problem'), dataIndex: 'message', key: 'message' },
            ]}
          />
        </>
      )}
    </>
  );
}

function CommitStep({ job, kind, onBack }: { job: ImportJob; kind: ImportKind; onBack: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const hasErrors = job.invalidRows > 0;
  const [mode, setMode] = useState<ImportMode>(hasErrors ? 'valid_rows_only' : 'all_or_nothing');
  const [errors, setErrors] = useState<string[] | null>(null);

  const commit = useMutation({
    mutationFn: () => commitImportJob(job.id, mode),
    onSuccess: (next) => {
      setErrors(null);
      queryClient.setQueryData(queryKeys.importJob(job.id), next);
    },
    onError: (error) => {
      setErrors([error instanceof Error ? error.message : t('errors.unexpected')]);
      if (isApiError(error) && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.importJob(job.id) });
      }
    },
  });

  const count = mode === 'all_or_nothing' ? job.totalRows : job.validRows;
  const confirm = () =>
    modal.confirm({
      title: t('imports.confirmTitle'),
      content: t(`imports.kinds.${kind}.confirmText`, { count }),
      okText: t('imports.commit'),
      cancelText: t('common.cancel'),
      onOk: () => commit.mutateAsync().catch(() => undefined),
    });

  return (
    <>
      <FormErrorAlert messages={errors} />
      <Typography.Paragraph>
        {t('imports.modeIntro', { valid: job.validRows, invalid: job.invalidRows })}
      </Typography.Paragraph>
      <Radio.Group
        className="sg-import-modes"
        value={mode}
        onChange={(e) => setMode(e.target.value as ImportMode)}
        aria-label={t('imports.mode')}
      >
        <Space orientation="vertical">
          <Radio value="all_or_nothing" disabled={hasErrors}>
            {t('imports.modes.all_or_nothing')}
            <Typography.Paragraph type="secondary" className="sg-radio-hint">
              {hasErrors ? t('imports.allOrNothingDisabled') : t('imports.allOrNothingHint')}
            </Typography.Paragraph>
          </Radio>
          <Radio value="valid_rows_only">
            {t('imports.modes.valid_rows_only')}
            <Typography.Paragraph type="secondary" className="sg-radio-hint">
              {t('imports.validOnlyHint', { count: job.invalidRows })}
            </Typography.Paragraph>
          </Radio>
        </Space>
      </Radio.Group>
      <Space wrap className="sg-step-actions">
        <Button onClick={onBack}>{t('imports.back')}</Button>
        <Button type="primary" data-testid="import-commit" loading={commit.isPending} onClick={confirm}>
          {t('imports.commitCount', { count })}
        </Button>
      </Space>
    </>
  );
}
