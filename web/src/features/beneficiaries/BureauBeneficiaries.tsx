import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Progress, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BeneficiaryLookupResult, getBeneficiaryStats, lookupBeneficiary, queryKeys } from '../../api/endpoints';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/serverErrors';
import { IdNumberItem } from '../registry/formItems';
import { TermTags } from '../registry/TermTags';
import { RiskTag } from './RiskTag';

interface CountRow {
  key: string;
  name: string;
  /** null: a small count the server suppresses (fewer than `suppressedBelow`). */
  count: number | null;
}

/** A count with a bar relative to the largest one, readable as text (the bar itself is decorative). */
function CountTable({
  title,
  rows,
  testId,
  suppressedBelow,
}: {
  title: string;
  rows: CountRow[];
  testId: string;
  suppressedBelow?: number;
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => r.count ?? 0));
  return (
    <Card className="sg-detail-card" title={<h2 className="sg-card-title">{title}</h2>} data-testid={testId}>
      <Table<CountRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Typography.Text type="secondary">{t('beneficiaries.statsEmpty')}</Typography.Text> }}
        columns={[
          { title: t('beneficiaries.statsName'), key: 'name', dataIndex: 'name' },
          {
            title: t('beneficiaries.statsCount'),
            key: 'count',
            align: 'right',
            render: (_: unknown, r) =>
              r.count === null ? (
                <Typography.Text type="secondary" title={t('beneficiaries.statsSuppressed', { n: suppressedBelow })}>
                  {`<${suppressedBelow}`}
                </Typography.Text>
              ) : (
                r.count
              ),
          },
          {
            title: t('beneficiaries.statsShare'),
            key: 'bar',
            render: (_: unknown, r) => (
              <Progress
                percent={Math.round(((r.count ?? 0) / max) * 100)}
                showInfo={false}
                size="small"
                aria-hidden
                className="sg-count-bar"
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

/** 按身份证号精确查找: the reason goes to the audit log whether or not someone is found; the answer is masked. */
function LookupCard() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ idNumber: string; reason: string }>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const [result, setResult] = useState<BeneficiaryLookupResult | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (values: { idNumber: string; reason: string }) => {
    setPending(true);
    setErrors(null);
    try {
      setResult(
        await lookupBeneficiary({ idNumber: values.idNumber.trim().toUpperCase(), reason: values.reason.trim() }),
      );
    } catch (error) {
      setResult(null);
      setErrors(applyServerErrors(form, error, { idNumber: ['idNumber'], reason: ['reason'] }));
    } finally {
      setPending(false);
    }
  };

  const found = result?.beneficiary;
  return (
    <Card
      className="sg-detail-card"
      title={<h2 className="sg-card-title">{t('beneficiaries.lookupTitle')}</h2>}
      data-testid="beneficiary-lookup"
    >
      <Alert type="info" showIcon className="sg-form-alert" title={t('beneficiaries.lookupNote')} />
      <FormErrorAlert messages={errors} />
      <Form
        form={form}
        name="beneficiary-lookup"
        layout="vertical"
        onFinish={(v) => void submit(v)}
        className="sg-form-grid"
      >
        <IdNumberItem label={t('beneficiaries.idNumber')} />
        <Form.Item
          name="reason"
          label={t('beneficiaries.lookupReason')}
          rules={[
            { required: true, whitespace: true, message: t('reveal.reasonRequired') },
            { min: 4, max: 200, message: t('reveal.reasonLength') },
          ]}
        >
          <Input maxLength={200} autoComplete="off" placeholder={t('beneficiaries.lookupReasonPlaceholder')} />
        </Form.Item>
        <div className="sg-form-grid-full">
          {/* Disabled rather than `loading`: the spinner's leave motion keeps running after the answer has come. */}
          <Button
            type="primary"
            htmlType="submit"
            disabled={pending}
            aria-busy={pending}
            data-testid="beneficiary-lookup-submit"
          >
            {t('beneficiaries.lookupSubmit')}
          </Button>
        </div>
      </Form>
      <div aria-live="polite" data-testid="beneficiary-lookup-result">
        {result && !found ? <Alert type="warning" showIcon title={t('beneficiaries.lookupNone')} /> : null}
        {found ? (
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'name', label: t('beneficiaries.name'), children: found.name },
              {
                key: 'idNumber',
                label: t('beneficiaries.idNumber'),
                children: <span className="sg-mono">{found.idNumberMasked}</span>,
              },
              { key: 'community', label: t('beneficiaries.community'), children: found.divisionName },
              {
                key: 'agency',
                label: t('beneficiaries.agency'),
                children: found.agencyName ?? t('common.empty'),
              },
              {
                key: 'categories',
                label: t('beneficiaries.categories'),
                children: <TermTags scheme="beneficiary_category" codes={found.categories} />,
              },
              { key: 'risk', label: t('beneficiaries.riskLevel'), children: <RiskTag risk={found.riskLevel} /> },
            ]}
          />
        ) : null}
      </div>
    </Card>
  );
}

/** The bureau's view of 服务对象: counts by category and community, and the audited exact lookup (no browsing). */
export function BureauBeneficiaries() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const stats = useQuery({
    queryKey: queryKeys.beneficiaryStats,
    queryFn: ({ signal }) => getBeneficiaryStats({ signal }),
  });
  return (
    <>
      <PageHeader title={t('beneficiaries.title')} description={t('beneficiaries.bureauDescription')} />
      {stats.isError ? (
        <QueryErrorResult error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <>
          <Card className="sg-detail-card" loading={stats.isPending}>
            <Statistic
              title={t('beneficiaries.statsTotal')}
              value={stats.data?.total ?? 0}
              data-testid="beneficiary-stats-total"
            />
          </Card>
          <CountTable
            title={t('beneficiaries.statsByCategory')}
            testId="beneficiary-stats-category"
            rows={(stats.data?.byCategory ?? []).map((c) => ({
              key: c.code,
              name: en ? c.nameEn : c.nameZh,
              count: c.count,
            }))}
          />
          <CountTable
            title={t('beneficiaries.statsByDivision')}
            testId="beneficiary-stats-division"
            suppressedBelow={stats.data?.suppressedBelow}
            rows={(stats.data?.byDivision ?? []).map((d) => ({
              key: d.divisionCode,
              name: d.divisionName,
              count: d.count,
            }))}
          />
        </>
      )}
      <LookupCard />
    </>
  );
}
