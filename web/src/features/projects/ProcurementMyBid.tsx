import { EditOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import {
  type Bid,
  listWorkers,
  type ProcurementCall,
  type ProjectDetail,
  queryKeys,
  submitBid,
  updateMyBid,
  type WorkerListParams,
  withdrawMyBid,
} from '../../api/endpoints';
import { useMe } from '../../app/session';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { fenToYuanInput, formatDateTime, formatFen, parseYuanToFen } from '../../components/format';
import { applyProcurementErrors, BidStatusTag, useWorkerLabel } from './procurementBits';
import { useDescriptionsLayout } from './projectBits';

interface Values {
  proposal: string;
  priceYuan: string;
  leadWorkerId?: string;
  memberWorkerIds: string[];
}

/** 投标 / 修改投标: proposal, price in yuan (sent as integer fen), the lead and members from the agency's own workers. */
function BidForm({
  project,
  agencyId,
  multiAgency,
  bid,
  onSaved,
  onCancel,
}: {
  project: ProjectDetail;
  agencyId: string;
  multiAgency: boolean;
  bid: Bid | undefined;
  onSaved: (bid: Bid) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const workerLabel = useWorkerLabel();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const lead = Form.useWatch('leadWorkerId', form);
  const params: WorkerListParams = { agencyId, page: 1, pageSize: 200 };
  const workers = useQuery({
    queryKey: queryKeys.workerList(params),
    queryFn: ({ signal }) => listWorkers(params, { signal }),
  });
  const options = (workers.data?.items ?? []).map((w) => ({
    value: w.id,
    label: workerLabel(w.name, w.credentialLevel),
  }));
  // The bid's team keeps its names while the list loads (or if someone has left the agency since).
  if (bid) {
    if (!options.some((o) => o.value === bid.leadWorkerId))
      options.push({ value: bid.leadWorkerId, label: workerLabel(bid.leadWorkerName, bid.leadLevel) });
    for (const m of bid.members)
      if (!options.some((o) => o.value === m.workerId))
        options.push({ value: m.workerId, label: workerLabel(m.name, m.credentialLevel) });
  }

  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const fields = {
        proposal: v.proposal,
        priceFen: parseYuanToFen(v.priceYuan) ?? 0,
        leadWorkerId: v.leadWorkerId ?? '',
        memberWorkerIds: (v.memberWorkerIds ?? []).filter((id) => id !== v.leadWorkerId),
      };
      return bid
        ? updateMyBid(project.id, { ...fields, version: bid.version }, multiAgency ? agencyId : undefined)
        : submitBid(project.id, { ...fields, ...(multiAgency ? { agencyId } : {}) });
    },
    onSuccess: (next) => {
      setErrors(null);
      onSaved(next);
    },
    onError: (error) =>
      setErrors(
        applyProcurementErrors(
          form,
          error,
          {
            proposal: ['proposal'],
            priceFen: ['priceYuan'],
            leadWorkerId: ['leadWorkerId'],
            memberWorkerIds: ['memberWorkerIds'],
          },
          { 'project.over_budget': ['priceYuan'] },
        ),
      ),
  });

  return (
    <Form<Values>
      form={form}
      name="procurement-bid"
      layout="vertical"
      initialValues={{
        proposal: bid?.proposal ?? '',
        priceYuan: bid ? fenToYuanInput(bid.priceFen) : '',
        leadWorkerId: bid?.leadWorkerId,
        memberWorkerIds: bid?.members.map((m) => m.workerId) ?? [],
      }}
      onFinish={(v) => {
        setErrors(null);
        mutation.mutate(v);
      }}
      data-testid="bid-form"
    >
      <FormErrorAlert messages={errors} />
      <Form.Item
        name="proposal"
        label={t('procurement.bid.proposal')}
        extra={t('procurement.bid.proposalHint')}
        rules={[
          { required: true, whitespace: true, message: t('procurement.bid.proposalRequired') },
          { max: 20_000, message: t('procurement.call.textMax', { max: 20_000 }) },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20_000} data-testid="bid-proposal" />
      </Form.Item>
      <div className="sg-form-narrow">
        <Form.Item
          name="priceYuan"
          label={t('procurement.bid.price')}
          extra={t('procurement.bid.priceHint', { budget: formatFen(project.budgetFen) })}
          rules={[
            { required: true, whitespace: true, message: t('procurement.bid.priceRequired') },
            {
              validator: (_r, value: string | undefined) => {
                if (!value?.trim()) return Promise.resolve();
                const fen = parseYuanToFen(value);
                if (fen === null || fen <= 0) return Promise.reject(new Error(t('procurement.bid.priceInvalid')));
                if (fen > project.budgetFen)
                  return Promise.reject(
                    new Error(t('procurement.bid.priceOverBudget', { budget: formatFen(project.budgetFen) })),
                  );
                return Promise.resolve();
              },
            },
          ]}
        >
          <Input
            inputMode="decimal"
            prefix="¥"
            suffix={t('projects.form.yuan')}
            maxLength={20}
            autoComplete="off"
            data-testid="bid-price"
          />
        </Form.Item>
        <Form.Item
          name="leadWorkerId"
          label={t('procurement.bid.lead')}
          extra={t('procurement.bid.teamHint')}
          rules={[{ required: true, message: t('procurement.bid.leadRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={workers.isPending}
            options={options}
            placeholder={t('projects.team.pickWorker')}
            data-testid="bid-lead"
          />
        </Form.Item>
        <Form.Item name="memberWorkerIds" label={t('procurement.bid.members')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={workers.isPending}
            options={options.filter((o) => o.value !== lead)}
            placeholder={t('projects.team.pickWorkers')}
            data-testid="bid-members"
          />
        </Form.Item>
      </div>
      <Space wrap>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SendOutlined />}
          loading={mutation.isPending}
          data-testid="bid-submit"
        >
          {bid ? t('procurement.bid.update') : t('procurement.bid.submit')}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
      </Space>
    </Form>
  );
}

/** A bid as its agency (or the panel's expanded row) sees it. */
export function BidDetails({ bid }: { bid: Bid }) {
  const { t } = useTranslation();
  const layout = useDescriptionsLayout();
  const workerLabel = useWorkerLabel();
  return (
    <Descriptions
      bordered
      layout={layout}
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'status', label: t('procurement.bid.status'), children: <BidStatusTag status={bid.status} /> },
        {
          key: 'price',
          label: t('procurement.bid.price'),
          children: <span data-testid="bid-price-text">{formatFen(bid.priceFen)}</span>,
        },
        { key: 'lead', label: t('procurement.bid.lead'), children: workerLabel(bid.leadWorkerName, bid.leadLevel) },
        {
          key: 'members',
          label: t('procurement.bid.membersCount', { n: bid.members.length }),
          children:
            bid.members.length === 0
              ? t('common.empty')
              : bid.members.map((m) => workerLabel(m.name, m.credentialLevel)).join(t('common.listSeparator')),
        },
        {
          key: 'proposal',
          label: t('procurement.bid.proposal'),
          span: { xs: 1, md: 2 },
          children: <span className="sg-pre-line">{bid.proposal}</span>,
        },
        { key: 'submitted', label: t('procurement.bid.submittedAt'), children: formatDateTime(bid.submittedAt) },
        { key: 'updated', label: t('procurement.bid.updatedAt'), children: formatDateTime(bid.updatedAt) },
      ]}
    />
  );
}

/**
 * 我的投标: an agency manager's own bid for this call — the form while there is none, the bid with change and
 * withdraw while the call is open, the result afterwards.
 */
export function ProcurementMyBid({
  project,
  call,
  bids,
  onChanged,
}: {
  project: ProjectDetail;
  call: ProcurementCall;
  bids: Bid[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useMe();
  const managed = me.memberships.filter((m) => m.role === 'agency_manager');
  // A manager of several agencies starts on the one that has bid, if any.
  const [agencyId, setAgencyId] = useState(
    () => (managed.find((m) => bids.some((b) => b.agencyId === m.organizationId)) ?? managed[0])?.organizationId ?? '',
  );
  const [editing, setEditing] = useState(false);
  const multiAgency = managed.length > 1;
  const bid = bids.find((b) => b.agencyId === agencyId);
  const open = call.can.bid;

  const withdraw = useMutation({
    mutationFn: (b: Bid) => withdrawMyBid(project.id, b.version, multiAgency ? agencyId : undefined),
    onSuccess: () => {
      message.success(t('procurement.bid.withdrawn'));
      onChanged();
    },
    onError: (error) => {
      message.error(error instanceof Error ? error.message : t('errors.unexpected'));
      if (isApiError(error) && error.status === 409) onChanged();
    },
  });

  const saved = (next: Bid, first: boolean) => {
    message.success(first ? t('procurement.bid.submitted') : t('procurement.bid.updated'));
    setEditing(false);
    onChanged();
    return next;
  };

  return (
    <Card size="small" title={<h2 className="sg-card-title">{t('procurement.bid.mineTitle')}</h2>} data-testid="my-bid">
      <div className="sg-stack">
        {multiAgency ? (
          <Form layout="vertical" className="sg-form-narrow" name="bid-agency">
            <Form.Item label={t('procurement.bid.agency')} htmlFor="bid-agency">
              <Select
                id="bid-agency"
                value={agencyId}
                onChange={(v) => {
                  setAgencyId(v);
                  setEditing(false);
                }}
                options={managed.map((m) => ({ value: m.organizationId, label: m.organizationName }))}
              />
            </Form.Item>
          </Form>
        ) : null}
        {!bid && !open ? <Alert type="info" showIcon title={t('procurement.bid.noBid')} /> : null}
        {!bid && open ? (
          <>
            <Typography.Paragraph type="secondary">{t('procurement.bid.intro')}</Typography.Paragraph>
            <BidForm
              key={agencyId}
              project={project}
              agencyId={agencyId}
              multiAgency={multiAgency}
              bid={undefined}
              onSaved={(next) => saved(next, true)}
            />
          </>
        ) : null}
        {bid && editing && open ? (
          <BidForm
            key={`${bid.id}:${bid.version}`}
            project={project}
            agencyId={agencyId}
            multiAgency={multiAgency}
            bid={bid}
            onSaved={(next) => saved(next, false)}
            onCancel={() => setEditing(false)}
          />
        ) : null}
        {bid && !editing ? (
          <>
            {bid.status === 'withdrawn' && open ? (
              <Alert type="warning" showIcon title={t('procurement.bid.withdrawnHint')} />
            ) : null}
            {!open && bid.status === 'submitted' ? (
              <Alert type="info" showIcon title={t('procurement.bid.awaitingAward')} />
            ) : null}
            <BidDetails bid={bid} />
            {open ? (
              <Space wrap>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="bid-edit">
                  {bid.status === 'withdrawn' ? t('procurement.bid.resubmit') : t('procurement.bid.edit')}
                </Button>
                {bid.status === 'submitted' ? (
                  <Button
                    danger
                    icon={<RollbackOutlined />}
                    loading={withdraw.isPending}
                    data-testid="bid-withdraw"
                    onClick={() =>
                      modal.confirm({
                        title: t('procurement.bid.withdrawTitle'),
                        content: t('procurement.bid.withdrawText'),
                        okText: t('procurement.bid.withdraw'),
                        okButtonProps: { danger: true },
                        cancelText: t('common.cancel'),
                        onOk: () => withdraw.mutateAsync(bid).catch(() => undefined),
                      })
                    }
                  >
                    {t('procurement.bid.withdraw')}
                  </Button>
                ) : null}
              </Space>
            ) : null}
          </>
        ) : null}
      </div>
    </Card>
  );
}
