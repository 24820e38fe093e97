import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, List, Radio, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_PURPOSES, type ConsentPurpose, GUARDIAN_REQUIRED_UNDER_AGE } from '../../../../contracts/api/services';
import {
  type Beneficiary,
  type ConsentOverview,
  type ConsentRecord,
  getConsents,
  queryKeys,
  type RecordConsentBody,
  recordConsent,
  withdrawConsent,
} from '../../api/endpoints';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FormModal } from '../../components/FormModal';
import { formatDateTime } from '../../components/format';
import { sameNamedFields } from '../../components/serverErrors';
import { ageOf } from './beneficiaryBits';

type Status = ConsentOverview['current'][number]['status'];
const STATUS_COLORS: Record<Status, string> = {
  given: 'success',
  refused: 'error',
  withdrawn: 'warning',
  expired: 'default',
  none: 'default',
};

interface RecordValues {
  purpose: ConsentPurpose;
  decision: RecordConsentBody['decision'];
  givenBy: RecordConsentBody['givenBy'];
  evidence: string;
  validUntil?: Dayjs | null;
}

const RECORD_FIELDS = sameNamedFields('purpose', 'decision', 'givenBy', 'evidence', 'validUntil');

function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`beneficiaries.consent.status.${status}`)}</Tag>;
}

/**
 * 知情同意 (PIPL art. 29): the current decision per purpose, the full history, and the actions to record a decision or
 * withdraw a given consent. Every change is one new history row; nothing is edited in place.
 */
export function ConsentsCard({ beneficiary }: { beneficiary: Beneficiary }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [recording, setRecording] = useState<ConsentPurpose | null>(null);
  const [withdrawing, setWithdrawing] = useState<ConsentPurpose | null>(null);
  const minor = ageOf(beneficiary.birthDate) < GUARDIAN_REQUIRED_UNDER_AGE;
  const key = queryKeys.consents(beneficiary.id);
  const consents = useQuery({ queryKey: key, queryFn: ({ signal }) => getConsents(beneficiary.id, { signal }) });
  const purposeName = (p: ConsentPurpose) => t(`beneficiaries.consent.purposes.${p}`);
  const updated = (overview: ConsentOverview) => queryClient.setQueryData(key, overview);

  return (
    <Card
      className="sg-detail-card"
      title={<h2 className="sg-card-title">{t('beneficiaries.consent.title')}</h2>}
      data-testid="beneficiary-consents"
    >
      {consents.isError ? (
        <QueryErrorResult error={consents.error} onRetry={() => void consents.refetch()} />
      ) : (
        <>
          <List
            loading={consents.isPending}
            dataSource={consents.data?.current ?? []}
            renderItem={(c) => (
              <List.Item
                data-testid={`consent-${c.purpose}`}
                actions={[
                  <Button
                    key="record"
                    size="small"
                    onClick={() => setRecording(c.purpose)}
                    data-testid={`consent-record-${c.purpose}`}
                    aria-label={t('beneficiaries.consent.recordFor', { purpose: purposeName(c.purpose) })}
                  >
                    {t('beneficiaries.consent.record')}
                  </Button>,
                  ...(c.status === 'given'
                    ? [
                        <Button
                          key="withdraw"
                          size="small"
                          danger
                          onClick={() => setWithdrawing(c.purpose)}
                          data-testid={`consent-withdraw-${c.purpose}`}
                          aria-label={t('beneficiaries.consent.withdrawFor', { purpose: purposeName(c.purpose) })}
                        >
                          {t('beneficiaries.consent.withdraw')}
                        </Button>,
                      ]
                    : []),
                ]}
              >
                <List.Item.Meta
                  title={
                    <span className="sg-tags">
                      <span>{purposeName(c.purpose)}</span>
                      <StatusTag status={c.status} />
                    </span>
                  }
                  description={
                    c.record
                      ? [
                          t(`beneficiaries.consent.givenBy.${c.record.givenBy}`),
                          c.record.validUntil
                            ? t('beneficiaries.consent.validUntilText', { date: c.record.validUntil })
                            : null,
                          formatDateTime(c.record.recordedAt),
                        ]
                          .filter(Boolean)
                          .join(' · ')
                      : t('beneficiaries.consent.neverAsked')
                  }
                />
              </List.Item>
            )}
          />
          <h3 className="sg-card-title">{t('beneficiaries.consent.history')}</h3>
          {/* A list, not a table: it reads on a phone without a scrolling region. */}
          <List<ConsentRecord>
            data-testid="consent-history"
            size="small"
            dataSource={consents.data?.history ?? []}
            locale={{
              emptyText: <Typography.Text type="secondary">{t('beneficiaries.consent.noHistory')}</Typography.Text>,
            }}
            renderItem={(r) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <span className="sg-tags">
                      <span>{purposeName(r.purpose)}</span>
                      <StatusTag status={r.status} />
                      <Typography.Text type="secondary">{formatDateTime(r.recordedAt)}</Typography.Text>
                    </span>
                  }
                  description={[
                    `${t('beneficiaries.consent.givenByLabel')}：${t(`beneficiaries.consent.givenBy.${r.givenBy}`)}`,
                    `${t('beneficiaries.consent.evidence')}：${r.evidence}`,
                    r.validUntil ? t('beneficiaries.consent.validUntilText', { date: r.validUntil }) : null,
                    `${t('beneficiaries.consent.recordedBy')}：${r.recordedByName}`,
                    r.withdrawnAt
                      ? `${t('beneficiaries.consent.withdrawal')}：${formatDateTime(r.withdrawnAt)} ${r.withdrawalReason ?? ''}`
                      : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                />
              </List.Item>
            )}
          />
        </>
      )}
      <FormModal<RecordValues, ConsentOverview>
        key={recording ?? 'none'}
        open={recording !== null}
        onClose={() => setRecording(null)}
        title={t('beneficiaries.consent.recordTitle')}
        okText={t('beneficiaries.consent.recordSubmit')}
        name="consent-record"
        initialValues={{ purpose: recording ?? 'service', decision: 'given', givenBy: minor ? 'guardian' : 'self' }}
        intro={
          minor ? (
            <Typography.Paragraph type="secondary">{t('beneficiaries.consent.minorHint')}</Typography.Paragraph>
          ) : undefined
        }
        submit={(v) =>
          recordConsent(beneficiary.id, {
            purpose: v.purpose,
            decision: v.decision,
            givenBy: v.givenBy,
            evidence: v.evidence.trim(),
            validUntil: v.validUntil ? v.validUntil.format('YYYY-MM-DD') : undefined,
          })
        }
        onSuccess={updated}
        fieldMap={RECORD_FIELDS}
      >
        <Form.Item name="purpose" label={t('beneficiaries.consent.purpose')} rules={[{ required: true }]}>
          <Select options={CONSENT_PURPOSES.map((p) => ({ value: p, label: purposeName(p) }))} />
        </Form.Item>
        <Form.Item name="decision" label={t('beneficiaries.consent.decision')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'given', label: t('beneficiaries.consent.status.given') },
              { value: 'refused', label: t('beneficiaries.consent.status.refused') },
            ]}
          />
        </Form.Item>
        <Form.Item name="givenBy" label={t('beneficiaries.consent.givenByLabel')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'self', label: t('beneficiaries.consent.givenBy.self') },
              { value: 'guardian', label: t('beneficiaries.consent.givenBy.guardian') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={t('beneficiaries.consent.evidence')}
          extra={t('beneficiaries.consent.evidenceHint')}
          rules={[
            { required: true, whitespace: true, message: t('beneficiaries.consent.evidenceRequired') },
            { min: 2, max: 200, message: t('beneficiaries.consent.evidenceLength') },
          ]}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="validUntil" label={t('beneficiaries.consent.validUntil')}>
          <DatePicker className="sg-full-width" />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </FormModal>
      <FormModal<{ reason: string }, ConsentOverview>
        open={withdrawing !== null}
        onClose={() => setWithdrawing(null)}
        title={t('beneficiaries.consent.withdrawTitle', {
          purpose: withdrawing ? purposeName(withdrawing) : '',
        })}
        okText={t('beneficiaries.consent.withdraw')}
        danger
        name="consent-withdraw"
        submit={(v) => withdrawConsent(beneficiary.id, withdrawing ?? 'service', v.reason.trim())}
        onSuccess={updated}
        fieldMap={{ reason: ['reason'] }}
      >
        <Form.Item
          name="reason"
          label={t('beneficiaries.consent.withdrawReason')}
          rules={[
            { required: true, whitespace: true, message: t('beneficiaries.consent.withdrawReasonRequired') },
            { min: 2, max: 200, message: t('beneficiaries.consent.evidenceLength') },
          ]}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </FormModal>
    </Card>
  );
}
