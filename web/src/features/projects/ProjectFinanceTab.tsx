import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Spin,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MILESTONE_TRIGGERS, type MilestoneTrigger } from '../../../../contracts/projects';
import { isApiError } from '../../api/client';
import {
  type FinanceOverview,
  getProjectFinance,
  type MilestoneView,
  type ProjectDetail,
  queryKeys,
  recordProjectPayment,
  setProjectMilestones,
} from '../../api/endpoints';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { formatBp, formatDateTime, formatFen, parseScaledDecimal, parseYuanToFen } from '../../components/format';
import { applyServerErrors } from '../../components/serverErrors';
import { fromDay, isAfterToday, toDay, useDayjsLocale } from '../registry/dates';
import { MilestoneStateTag, TableEmpty, useDescriptionsLayout, useProjectVocabulary } from './projectBits';

type Payment = FinanceOverview['payments'][number];
const GRADE_TRIGGERS: readonly MilestoneTrigger[] = ['midterm_grade', 'final_grade'];

interface MilestoneRow {
  id?: string;
  name: string;
  percent: string;
  trigger: MilestoneTrigger;
  minScore: number | null;
  dueOn: Dayjs | null;
}

/** Percent typed with up to two decimals (12.5) → basis points (1250), exactly. */
const toBp = (percent: string | undefined) => parseScaledDecimal(percent ?? '', 2);
const bpToPercentInput = (bp: number) => formatBp(bp).replace('%', '');

function MilestonesEditor({
  project,
  finance,
  onSaved,
  onCancel,
}: {
  project: ProjectDetail;
  finance: FinanceOverview;
  onSaved: (next: FinanceOverview) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  useDayjsLocale();
  const [form] = Form.useForm<{ milestones: MilestoneRow[] }>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const rows = (Form.useWatch('milestones', form) as MilestoneRow[] | undefined) ?? [];
  const totalBp = rows.reduce((sum, r) => sum + (toBp(r?.percent) ?? 0), 0);
  const over = totalBp > 10_000;

  const mutation = useMutation({
    mutationFn: (list: MilestoneRow[]) =>
      setProjectMilestones(project.id, {
        version: project.version,
        milestones: list.map((r) => ({
          ...(r.id ? { id: r.id } : {}),
          name: r.name.trim(),
          percentBp: toBp(r.percent) ?? 0,
          trigger: r.trigger,
          minScore: GRADE_TRIGGERS.includes(r.trigger) ? (r.minScore ?? null) : null,
          dueOn: r.trigger === 'manual' ? fromDay(r.dueOn) : null,
        })),
      }),
    onSuccess: (next) => {
      setErrors(null);
      onSaved(next);
    },
    onError: (error) => {
      const map: Record<string, (string | number)[]> = {};
      if (isApiError(error))
        for (const issue of error.issues) {
          const m = /^body\.milestones\.(\d+)\.(\w+)$/.exec(issue.field);
          if (m)
            map[`milestones.${m[1]}.${m[2]}`] = [
              'milestones',
              Number(m[1]),
              m[2] === 'percentBp' ? 'percent' : (m[2] as string),
            ];
        }
      setErrors(applyServerErrors(form, error, map));
    },
  });

  return (
    <Card size="small" title={<h2 className="sg-card-title">{t('projects.finance.editTitle')}</h2>}>
      <FormErrorAlert messages={errors} />
      <Form<{ milestones: MilestoneRow[] }>
        form={form}
        name="project-milestones"
        layout="vertical"
        initialValues={{
          milestones: finance.milestones.map((m) => ({
            id: m.id,
            name: m.name,
            percent: bpToPercentInput(m.percentBp),
            trigger: m.trigger,
            minScore: m.minScore,
            dueOn: toDay(m.dueOn),
          })),
        }}
        onFinish={(v) => {
          if (over) return;
          setErrors(null);
          mutation.mutate(v.milestones ?? []);
        }}
      >
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <div className="sg-stack-tight">
              {fields.map((field, index) => {
                const trigger = rows[field.name]?.trigger;
                return (
                  <fieldset key={field.key} className="sg-fieldset sg-milestone-edit-row">
                    <legend className="sg-visually-hidden">{t('projects.finance.rowLegend', { n: index + 1 })}</legend>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('projects.finance.milestoneName')}
                      rules={[
                        { required: true, whitespace: true, message: t('projects.finance.nameRequired') },
                        { max: 100, message: t('projects.finance.nameMax') },
                      ]}
                    >
                      <Input maxLength={100} autoComplete="off" />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'percent']}
                      label={t('projects.finance.percent')}
                      rules={[
                        { required: true, whitespace: true, message: t('projects.finance.percentRequired') },
                        {
                          validator: (_r, value: string | undefined) => {
                            if (!value?.trim()) return Promise.resolve();
                            const bp = toBp(value);
                            return bp !== null && bp >= 1 && bp <= 10_000
                              ? Promise.resolve()
                              : Promise.reject(new Error(t('projects.finance.percentInvalid')));
                          },
                        },
                      ]}
                    >
                      <Input inputMode="decimal" suffix="%" maxLength={6} autoComplete="off" />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'trigger']}
                      label={t('projects.finance.trigger')}
                      rules={[{ required: true, message: t('projects.finance.triggerRequired') }]}
                    >
                      <Select<MilestoneTrigger>
                        options={MILESTONE_TRIGGERS.map((tr) => ({ value: tr, label: vocabulary.trigger(tr) }))}
                      />
                    </Form.Item>
                    {trigger && GRADE_TRIGGERS.includes(trigger) ? (
                      <Form.Item
                        name={[field.name, 'minScore']}
                        label={t('projects.finance.minScore')}
                        extra={t('projects.finance.minScoreHint')}
                      >
                        <InputNumber<number> min={0} max={100} precision={2} className="sg-full-width" />
                      </Form.Item>
                    ) : null}
                    {trigger === 'manual' ? (
                      <Form.Item name={[field.name, 'dueOn']} label={t('projects.finance.dueOn')}>
                        <DatePicker className="sg-full-width" />
                      </Form.Item>
                    ) : null}
                    <Button
                      className="sg-indicator-remove"
                      icon={<DeleteOutlined />}
                      aria-label={t('projects.finance.remove', { n: index + 1 })}
                      onClick={() => remove(field.name)}
                    />
                  </fieldset>
                );
              })}
              <div>
                <Button
                  icon={<PlusOutlined />}
                  disabled={fields.length >= 20}
                  onClick={() =>
                    add({ name: '', percent: '', trigger: 'contract_signed', minScore: null, dueOn: null })
                  }
                >
                  {t('projects.finance.add')}
                </Button>
              </div>
            </div>
          )}
        </Form.List>
        <div className="sg-milestone-total" role="status" aria-live="polite">
          <Typography.Text type={over ? 'danger' : undefined} strong data-testid="milestone-total">
            {t('projects.finance.total', { percent: formatBp(totalBp) })}
          </Typography.Text>
          {over ? (
            <Alert type="error" showIcon title={t('projects.finance.overHundred')} className="sg-milestone-over" />
          ) : null}
        </div>
        <Space wrap className="sg-step-actions">
          <Button type="primary" onClick={() => form.submit()} loading={mutation.isPending} disabled={over}>
            {t('projects.finance.save')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

interface PaymentValues {
  milestoneId?: string;
  amountYuan: string;
  paidOn: Dayjs | null;
  reference: string;
}

function PaymentForm({
  project,
  finance,
  onSaved,
  onCancel,
}: {
  project: ProjectDetail;
  finance: FinanceOverview;
  onSaved: (next: FinanceOverview) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  useDayjsLocale();
  const [form] = Form.useForm<PaymentValues>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const milestoneId = Form.useWatch('milestoneId', form);
  const due = finance.milestones.filter((m) => m.state === 'due');
  const chosen = due.find((m) => m.id === milestoneId);
  const milestoneLeft = chosen ? (chosen.amountFen ?? 0) - chosen.paidFen : null;
  const remaining = finance.remainingFen ?? 0;
  const limit = milestoneLeft === null ? remaining : Math.min(remaining, milestoneLeft);

  const mutation = useMutation({
    mutationFn: (v: PaymentValues) =>
      recordProjectPayment(project.id, {
        milestoneId: v.milestoneId ?? null,
        amountFen: parseYuanToFen(v.amountYuan) ?? 0,
        paidOn: fromDay(v.paidOn) ?? '',
        reference: (v.reference ?? '').trim(),
      }),
    onSuccess: (next) => {
      setErrors(null);
      onSaved(next);
    },
    onError: (error) =>
      setErrors(
        applyServerErrors(form, error, {
          milestoneId: ['milestoneId'],
          amountFen: ['amountYuan'],
          paidOn: ['paidOn'],
          reference: ['reference'],
        }),
      ),
  });

  return (
    <Card size="small" title={<h2 className="sg-card-title">{t('projects.finance.payTitle')}</h2>}>
      <FormErrorAlert messages={errors} />
      <Alert
        type="info"
        showIcon
        className="sg-form-alert"
        title={t('projects.finance.remainingNow', { amount: formatFen(finance.remainingFen) })}
        description={
          chosen && milestoneLeft !== null
            ? t('projects.finance.milestoneLeft', { name: chosen.name, amount: formatFen(milestoneLeft) })
            : undefined
        }
      />
      <Form<PaymentValues>
        form={form}
        name="project-payment"
        layout="vertical"
        className="sg-form-narrow"
        initialValues={{ amountYuan: '', paidOn: null, reference: '' }}
        onFinish={(v) => {
          setErrors(null);
          mutation.mutate(v);
        }}
      >
        <Form.Item
          name="milestoneId"
          label={t('projects.finance.paymentMilestone')}
          extra={due.length === 0 ? t('projects.finance.noneDue') : t('projects.finance.paymentMilestoneHint')}
        >
          <Select
            allowClear
            placeholder={t('projects.finance.noMilestone')}
            options={due.map((m) => ({
              value: m.id,
              label: `${m.name}（${formatFen((m.amountFen ?? 0) - m.paidFen)}）`,
            }))}
            onChange={() => void form.validateFields(['amountYuan']).catch(() => undefined)}
          />
        </Form.Item>
        <Form.Item
          name="amountYuan"
          label={t('projects.finance.amountYuan')}
          dependencies={['milestoneId']}
          rules={[
            { required: true, whitespace: true, message: t('projects.finance.amountRequired') },
            {
              validator: (_r, value: string | undefined) => {
                if (!value?.trim()) return Promise.resolve();
                const fen = parseYuanToFen(value);
                if (fen === null || fen <= 0) return Promise.reject(new Error(t('projects.finance.amountInvalid')));
                if (fen > limit)
                  return Promise.reject(new Error(t('projects.finance.amountOverLimit', { limit: formatFen(limit) })));
                return Promise.resolve();
              },
            },
          ]}
        >
          <Input inputMode="decimal" prefix="¥" suffix={t('projects.form.yuan')} maxLength={20} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="paidOn"
          label={t('projects.finance.paidOn')}
          rules={[{ required: true, message: t('projects.finance.paidOnRequired') }]}
        >
          <DatePicker disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item
          name="reference"
          label={t('projects.finance.reference')}
          rules={[{ max: 100, message: t('projects.finance.referenceMax') }]}
        >
          <Input maxLength={100} autoComplete="off" placeholder={t('projects.finance.referencePlaceholder')} />
        </Form.Item>
        <Space wrap>
          {/* No submit button: Enter in the date picker confirms the date, it never records a payment by itself. */}
          <Button type="primary" onClick={() => form.submit()} loading={mutation.isPending}>
            {t('projects.finance.paySubmit')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** 付款: the payment schedule (milestones and their state), payments made, and their editors for the purchaser. */
export function ProjectFinanceTab({
  project,
  onProjectChanged,
}: {
  project: ProjectDetail;
  onProjectChanged: () => void;
}) {
  const { t } = useTranslation();
  const layout = useDescriptionsLayout();
  const { message } = App.useApp();
  const vocabulary = useProjectVocabulary();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'view' | 'edit' | 'pay'>('view');
  const key = queryKeys.projectPart(project.id, 'finance');
  const finance = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => getProjectFinance(project.id, { signal }),
  });

  if (finance.isPending) return <Spin />;
  if (finance.isError) return <QueryErrorResult error={finance.error} onRetry={() => void finance.refetch()} />;
  const data = finance.data;
  const milestoneName = new Map(data.milestones.map((m) => [m.id, m.name]));
  const totalBp = data.milestones.reduce((sum, m) => sum + m.percentBp, 0);
  const store = (next: FinanceOverview) => queryClient.setQueryData(key, next);

  return (
    <div className="sg-stack" data-testid="project-finance">
      <Descriptions
        bordered
        layout={layout}
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          {
            key: 'contract',
            label: t('projects.fields.contractAmount'),
            children:
              data.contractAmountFen === null
                ? t('projects.procurement.noContract')
                : formatFen(data.contractAmountFen),
          },
          { key: 'paid', label: t('projects.finance.paid'), children: formatFen(data.paidFen) },
          { key: 'remaining', label: t('projects.finance.remaining'), children: formatFen(data.remainingFen) },
        ]}
      />
      {mode === 'view' && (data.canEdit || data.canPay) ? (
        <Space wrap>
          {data.canEdit ? (
            <Button icon={<EditOutlined />} onClick={() => setMode('edit')} data-testid="milestones-edit">
              {t('projects.finance.edit')}
            </Button>
          ) : null}
          {data.canPay ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setMode('pay')} data-testid="payment-new">
              {t('projects.finance.pay')}
            </Button>
          ) : null}
        </Space>
      ) : null}
      {mode === 'edit' ? (
        <MilestonesEditor
          project={project}
          finance={data}
          onCancel={() => setMode('view')}
          onSaved={(next) => {
            store(next);
            message.success(t('projects.finance.saved'));
            setMode('view');
            onProjectChanged();
          }}
        />
      ) : null}
      {mode === 'pay' ? (
        <PaymentForm
          project={project}
          finance={data}
          onCancel={() => setMode('view')}
          onSaved={(next) => {
            store(next);
            message.success(t('projects.finance.paidDone'));
            setMode('view');
          }}
        />
      ) : null}

      <section aria-labelledby="project-milestones-title">
        <Typography.Title level={2} className="sg-section-title" id="project-milestones-title">
          {t('projects.finance.milestonesTitle', { percent: formatBp(totalBp) })}
        </Typography.Title>
        <Table<MilestoneView>
          rowKey="id"
          size="small"
          dataSource={data.milestones}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <TableEmpty text={t('projects.finance.noMilestones')} /> }}
          columns={[
            { title: t('projects.finance.milestoneName'), key: 'name', dataIndex: 'name' },
            {
              title: t('projects.finance.trigger'),
              key: 'trigger',
              render: (_: unknown, m) => (
                <span className="sg-cell-wrap">
                  {vocabulary.trigger(m.trigger)}
                  {m.minScore !== null ? t('projects.finance.minScoreText', { score: m.minScore }) : ''}
                  {m.dueOn ? t('projects.finance.dueOnText', { date: m.dueOn }) : ''}
                </span>
              ),
            },
            {
              title: t('projects.finance.percent'),
              key: 'percent',
              align: 'right',
              render: (_: unknown, m) => formatBp(m.percentBp),
            },
            {
              title: t('projects.finance.amount'),
              key: 'amount',
              align: 'right',
              className: 'sg-nowrap',
              render: (_: unknown, m) =>
                m.amountFen === null ? t('projects.finance.afterContract') : formatFen(m.amountFen),
            },
            {
              title: t('projects.finance.paid'),
              key: 'paid',
              align: 'right',
              className: 'sg-nowrap',
              render: (_: unknown, m) => formatFen(m.paidFen),
            },
            {
              title: t('projects.finance.state'),
              key: 'state',
              render: (_: unknown, m) => <MilestoneStateTag state={m.state} />,
            },
          ]}
        />
      </section>

      <section aria-labelledby="project-payments-title">
        <Typography.Title level={2} className="sg-section-title" id="project-payments-title">
          {t('projects.finance.paymentsTitle')}
        </Typography.Title>
        <Table<Payment>
          rowKey="id"
          size="small"
          dataSource={data.payments}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <TableEmpty text={t('projects.finance.noPayments')} /> }}
          columns={[
            { title: t('projects.finance.paidOn'), key: 'paidOn', dataIndex: 'paidOn', className: 'sg-nowrap' },
            {
              title: t('projects.finance.amount'),
              key: 'amount',
              align: 'right',
              className: 'sg-nowrap',
              render: (_: unknown, p) => formatFen(p.amountFen),
            },
            {
              title: t('projects.finance.paymentMilestone'),
              key: 'milestone',
              render: (_: unknown, p) =>
                p.milestoneId
                  ? (milestoneName.get(p.milestoneId) ?? t('common.empty'))
                  : t('projects.finance.noMilestone'),
            },
            {
              title: t('projects.finance.reference'),
              key: 'reference',
              render: (_: unknown, p) => p.reference || t('common.empty'),
            },
            {
              title: t('projects.finance.recordedAt'),
              key: 'recordedAt',
              className: 'sg-nowrap',
              render: (_: unknown, p) => formatDateTime(p.recordedAt),
            },
          ]}
        />
      </section>
    </div>
  );
}
