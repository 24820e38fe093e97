import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Select, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  acceptReferral,
  getReferral,
  queryKeys,
  type Referral,
  rejectReferral,
  revokeReferral,
} from '../../api/endpoints';
import { useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FormModal } from '../../components/FormModal';
import { formatDateTime } from '../../components/format';
import { sameNamedFields } from '../../components/serverErrors';
import { useIsMobile } from '../../components/useMediaQuery';
import { TermTags } from '../registry/TermTags';
import { useColleagues } from '../workers/useColleagues';
import { caseHref, managesAgency, ReferralKindTag, ReferralStatusTag, staffOfAgency } from './referralBits';

const ACCEPT_FIELDS = sameNamedFields('workerId', 'supervisorWorkerId', 'note');
const NOTE_FIELDS = sameNamedFields('note');

interface AcceptValues {
  workerId?: string;
  supervisorWorkerId?: string;
  note?: string;
}

/** 接收: the receiving agency's manager names the case worker and supervisor (workers of the agency with accounts). */
function AcceptModal({
  referral,
  open,
  onClose,
  onDone,
}: {
  referral: Referral;
  open: boolean;
  onClose: () => void;
  onDone: (r: Referral) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AcceptValues>();
  const workerId = Form.useWatch('workerId', form);
  // Both sign in to the case: the worker writes its records, the supervisor reviews them.
  const workers = useColleagues(referral.toAgencyId, { enabled: open, accountRequired: true });
  return (
    <FormModal<AcceptValues, Referral>
      open={open}
      onClose={onClose}
      title={t('referrals.accept.title', { code: referral.caseCode })}
      okText={t('referrals.accept.submit')}
      name="referral-accept"
      form={form}
      intro={
        <Typography.Paragraph type="secondary">
          {referral.kind === 'transfer' ? t('referrals.accept.introTransfer') : t('referrals.accept.introRefer')}
        </Typography.Paragraph>
      }
      submit={(v) =>
        acceptReferral(referral.id, {
          workerId: v.workerId ?? '',
          supervisorWorkerId: v.supervisorWorkerId ?? '',
          note: v.note?.trim() ?? '',
        })
      }
      onSuccess={onDone}
      fieldMap={ACCEPT_FIELDS}
    >
      <Form.Item
        name="workerId"
        label={t('referrals.accept.worker')}
        rules={[{ required: true, message: t('referrals.accept.workerRequired') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={workers.loading}
          options={workers.options}
          data-testid="referral-accept-worker"
        />
      </Form.Item>
      <Form.Item
        name="supervisorWorkerId"
        label={t('referrals.accept.supervisor')}
        dependencies={['workerId']}
        extra={t('workers.colleagues.accountHint')}
        rules={[
          { required: true, message: t('referrals.accept.supervisorRequired') },
          {
            validator: async (_, value?: string) => {
              if (value && value === form.getFieldValue('workerId'))
                throw new Error(t('referrals.accept.supervisorIsWorker'));
            },
          },
        ]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={workers.loading}
          options={workers.options.filter((o) => o.value !== workerId)}
          data-testid="referral-accept-supervisor"
        />
      </Form.Item>
      <Form.Item name="note" label={t('referrals.accept.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

/** 拒绝 (receiving agency) or 撤回 (referring side): both need a note. */
function DecisionModal({
  referral,
  decision,
  onClose,
  onDone,
}: {
  referral: Referral;
  decision: 'reject' | 'revoke' | null;
  onClose: () => void;
  onDone: (r: Referral) => void;
}) {
  const { t } = useTranslation();
  const which = decision ?? 'reject';
  return (
    <FormModal<{ note?: string }, Referral>
      open={decision !== null}
      onClose={onClose}
      title={t(`referrals.${which}.title`, { code: referral.caseCode })}
      okText={t(`referrals.${which}.submit`)}
      danger
      name={`referral-${which}`}
      submit={(v) => (which === 'reject' ? rejectReferral : revokeReferral)(referral.id, v.note?.trim() ?? '')}
      onSuccess={onDone}
      fieldMap={NOTE_FIELDS}
    >
      <Form.Item
        name="note"
        label={t(`referrals.${which}.note`)}
        rules={[{ required: true, whitespace: true, message: t('referrals.noteRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}

function ReferralDetails({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  const empty = t('common.empty');
  // The case to open: the new case the receiving agency opened (refer), or the case itself.
  const caseLink = referral.newCaseId ?? referral.caseId;
  return (
    <div className="sg-stack">
      {referral.consentOverride ? (
        <Alert
          type="warning"
          showIcon
          data-testid="referral-override"
          title={t('referrals.overrideFlag')}
          description={referral.overrideReason ?? undefined}
        />
      ) : null}
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          {
            key: 'case',
            label: t('referrals.caseCode'),
            children: <span className="sg-mono">{referral.caseCode}</span>,
          },
          {
            key: 'beneficiary',
            label: t('referrals.beneficiary'),
            children: (
              <>
                {referral.beneficiaryName}
                {referral.status === 'pending' ? (
                  <Typography.Text type="secondary"> · {t('referrals.maskedUntilAccepted')}</Typography.Text>
                ) : null}
              </>
            ),
          },
          {
            key: 'categories',
            label: t('referrals.categories'),
            children: <TermTags scheme="beneficiary_category" codes={referral.beneficiaryCategories} />,
          },
          { key: 'kind', label: t('referrals.kind'), children: <ReferralKindTag kind={referral.kind} /> },
          { key: 'status', label: t('referrals.status'), children: <ReferralStatusTag status={referral.status} /> },
          { key: 'from', label: t('referrals.fromAgency'), children: referral.fromAgencyName },
          { key: 'to', label: t('referrals.toAgency'), children: referral.toAgencyName },
          {
            key: 'reason',
            label: t('referrals.reason'),
            children: <span className="sg-pre-line">{referral.reason}</span>,
          },
          {
            key: 'override',
            label: t('referrals.consentOverride'),
            children: referral.consentOverride
              ? `${t('referrals.overrideYes')}：${referral.overrideReason ?? empty}`
              : t('referrals.overrideNo'),
          },
          { key: 'requestedAt', label: t('referrals.requestedAt'), children: formatDateTime(referral.requestedAt) },
          { key: 'decidedAt', label: t('referrals.decidedAt'), children: formatDateTime(referral.decidedAt) },
          {
            key: 'note',
            label: t('referrals.decisionNote'),
            children: <span className="sg-pre-line">{referral.decisionNote ?? empty}</span>,
          },
          ...(referral.status === 'accepted'
            ? [
                {
                  key: 'newCase',
                  label: referral.newCaseId ? t('referrals.newCase') : t('referrals.movedCase'),
                  children: <Link to={caseHref(caseLink)}>{t('referrals.openCase')}</Link>,
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

/** One referral: what was asked and why, and what the caller may do about it while it is pending. */
export function ReferralDrawer({
  id,
  initial,
  onClose,
}: {
  id: string | null;
  initial?: Referral;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const [accepting, setAccepting] = useState(false);
  const [decision, setDecision] = useState<'reject' | 'revoke' | null>(null);
  const detail = useQuery({
    queryKey: queryKeys.referral(id ?? ''),
    queryFn: ({ signal }) => getReferral(id ?? '', { signal }),
    enabled: !!id,
    initialData: initial && initial.id === id ? initial : undefined,
  });
  const referral = detail.data;

  const changed = (next: Referral, done: string) => {
    queryClient.setQueryData(queryKeys.referral(next.id), next);
    void queryClient.invalidateQueries({ queryKey: queryKeys.referrals, predicate: (q) => q.queryKey[1] === 'list' });
    void queryClient.invalidateQueries({ queryKey: queryKeys.cases });
    message.success(done);
  };

  const pending = referral?.status === 'pending';
  const canDecide = !!referral && pending && managesAgency(me, referral.toAgencyId);
  const canRevoke = !!referral && pending && staffOfAgency(me, referral.fromAgencyId);

  let body = null;
  if (detail.isPending && !referral) body = <Spin />;
  else if (detail.isError && !referral)
    body = <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  else if (referral) body = <ReferralDetails referral={referral} />;

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={referral ? t('referrals.drawerTitle', { code: referral.caseCode }) : t('referrals.title')}
      size={isMobile ? '100%' : 560}
      destroyOnHidden
      data-testid="referral-drawer"
      extra={
        referral && (canDecide || canRevoke) ? (
          <Space wrap>
            {canDecide ? (
              <>
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  onClick={() => setAccepting(true)}
                  data-testid="referral-accept"
                >
                  {t('referrals.accept.button')}
                </Button>
                <Button
                  danger
                  icon={<CloseOutlined />}
                  onClick={() => setDecision('reject')}
                  data-testid="referral-reject"
                >
                  {t('referrals.reject.button')}
                </Button>
              </>
            ) : null}
            {canRevoke ? (
              <Button icon={<RollbackOutlined />} onClick={() => setDecision('revoke')} data-testid="referral-revoke">
                {t('referrals.revoke.button')}
              </Button>
            ) : null}
          </Space>
        ) : undefined
      }
    >
      {body}
      {referral ? (
        <>
          <AcceptModal
            referral={referral}
            open={accepting}
            onClose={() => setAccepting(false)}
            onDone={(next) => changed(next, t('referrals.accept.done'))}
          />
          <DecisionModal
            referral={referral}
            decision={decision}
            onClose={() => setDecision(null)}
            onDone={(next) => changed(next, t(`referrals.${decision ?? 'reject'}.done`))}
          />
        </>
      ) : null}
    </Drawer>
  );
}
