import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, Input, Radio, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { createReferral, getCase, listReferralTargets, queryKeys, type Referral } from '../../api/endpoints';
import { useMe } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import type { FieldPath } from '../../components/serverErrors';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import { managesAgency, REFERRAL_KINDS, REFERRALS_PATH, type ReferralKind } from './referralBits';
import './referrals.css';

interface Values {
  kind: ReferralKind;
  toAgencyId?: string;
  reason?: string;
  override?: boolean;
  overrideReason?: string;
}

/** 转介 → 发出的, where the new referral waits for the other agency. */
const OUTGOING_PATH = `${REFERRALS_PATH}?direction=outgoing`;

const FIELDS: Record<string, FieldPath> = {
  kind: ['kind'],
  toAgencyId: ['toAgencyId'],
  reason: ['reason'],
  'consentOverride.reason': ['overrideReason'],
};

/**
 * The agencies a case can go to, searched by name on the server: active social-work agencies other than the user's own
 * (the server's list, which the staff of an agency may read although they cannot browse the organization directory).
 */
function AgencySelect({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  // The server takes at most 50 characters.
  const q = useDebouncedValue(search.trim().slice(0, 50), 300);
  const targets = useQuery({
    queryKey: queryKeys.referralTargets(q),
    queryFn: ({ signal }) => listReferralTargets(q, { signal }),
    placeholderData: keepPreviousData,
  });
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(next) => {
        setSearch('');
        onChange?.(next);
      }}
      placeholder={t('referrals.create.agencyPlaceholder')}
      showSearch={{ onSearch: setSearch, filterOption: false }}
      loading={targets.isFetching}
      notFoundContent={
        targets.isFetching ? <Spin size="small" /> : <Typography.Text>{t('referrals.create.noAgency')}</Typography.Text>
      }
      options={(targets.data ?? []).map((a) => ({ value: a.id, label: `${a.name} · ${a.divisionName}` }))}
      data-testid="refer-agency"
    />
  );
}

/**
 * 转介/转移 a case to another agency, from the case's page. Without the beneficiary's consent to sharing the server
 * answers consent.missing; a manager of the case's agency may then still refer, with a reason that is audited
 * (PIPL art. 23 — an emergency, a person who cannot decide). `onClose` runs when the modal closes (also after
 * success), `onDone` after the server has accepted the referral.
 */
export function ReferCaseModal({
  caseId,
  open,
  onClose,
  onDone,
}: {
  caseId: string;
  open: boolean;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [consentMissing, setConsentMissing] = useState<string | null>(null);
  const override = Form.useWatch('override', form);
  const kind = Form.useWatch('kind', form);
  const detail = useQuery({
    queryKey: queryKeys.case(caseId),
    queryFn: ({ signal }) => getCase(caseId, { signal }),
    enabled: open,
  });
  const agencyId = detail.data?.agencyId;
  const isManager = !!agencyId && managesAgency(me, agencyId);

  const close = () => {
    setConsentMissing(null);
    onClose();
  };

  return (
    <FormModal<Values, Referral>
      open={open}
      onClose={close}
      title={
        detail.data
          ? t('referrals.create.titleFor', { code: detail.data.code, name: detail.data.beneficiaryName })
          : t('referrals.create.title')
      }
      okText={override ? t('referrals.create.submitOverride') : t('referrals.create.submit')}
      name="refer-case"
      form={form}
      initialValues={{ kind: 'refer' }}
      intro={<Typography.Paragraph type="secondary">{t('referrals.create.intro')}</Typography.Paragraph>}
      submit={(v) =>
        createReferral({
          caseId,
          kind: v.kind,
          toAgencyId: v.toAgencyId ?? '',
          reason: v.reason?.trim() ?? '',
          consentOverride: consentMissing && v.override ? { reason: v.overrideReason?.trim() ?? '' } : undefined,
        })
      }
      explainError={(error) => {
        if (isApiError(error) && error.code === 'consent.missing') {
          setConsentMissing(error.message);
          return [];
        }
        return null;
      }}
      onSuccess={(created) => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.referrals });
        void queryClient.invalidateQueries({ queryKey: queryKeys.case(caseId) });
        // The message lives outside the router: its link navigates through this page's router.
        message.success({
          duration: 8,
          content: (
            <span data-testid="refer-done">
              {created.consentOverride
                ? t('referrals.create.doneOverride', { agency: created.toAgencyName })
                : t('referrals.create.done', { agency: created.toAgencyName })}{' '}
              <a
                href={OUTGOING_PATH}
                onClick={(event) => {
                  event.preventDefault();
                  void navigate(OUTGOING_PATH);
                }}
                data-testid="refer-done-link"
              >
                {t('referrals.create.viewOutgoing')}
              </a>
            </span>
          ),
        });
        onDone();
      }}
      fieldMap={FIELDS}
    >
      <Form.Item name="kind" label={t('referrals.kind')} extra={t(`referrals.create.kindHint.${kind ?? 'refer'}`)}>
        <Radio.Group
          optionType="button"
          options={REFERRAL_KINDS.map((k) => ({ value: k, label: t(`referrals.kinds.${k}`) }))}
          data-testid="refer-kind"
        />
      </Form.Item>
      <Form.Item
        name="toAgencyId"
        label={t('referrals.toAgency')}
        rules={[{ required: true, message: t('referrals.create.agencyRequired') }]}
      >
        <AgencySelect />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('referrals.reason')}
        rules={[{ required: true, whitespace: true, message: t('referrals.create.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount data-testid="refer-reason" />
      </Form.Item>
      {consentMissing ? (
        <div className="sg-referral-override" data-testid="refer-consent-missing">
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={consentMissing}
            description={isManager ? t('referrals.create.overrideIntro') : t('referrals.create.askManager')}
          />
          {isManager ? (
            <>
              <Form.Item name="override" valuePropName="checked" className="sg-referral-override-check">
                <Checkbox data-testid="refer-override">{t('referrals.create.override')}</Checkbox>
              </Form.Item>
              {override ? (
                <Form.Item
                  name="overrideReason"
                  label={t('referrals.create.overrideReason')}
                  rules={[{ required: true, whitespace: true, message: t('referrals.create.overrideReasonRequired') }]}
                >
                  <Input.TextArea rows={2} maxLength={500} showCount data-testid="refer-override-reason" />
                </Form.Item>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </FormModal>
  );
}
