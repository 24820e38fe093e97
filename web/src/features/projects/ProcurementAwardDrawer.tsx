import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_RECURRING_TERM_YEARS, MAX_TERM_YEARS } from '../../../../contracts/projects';
import { isApiError } from '../../api/client';
import { awardBid, type Bid, type Contract, type ProjectDetail } from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { fenToYuanInput, formatFen, parseYuanToFen } from '../../components/format';
import { useIsMobile } from '../../components/useMediaQuery';
import { fromDay, isAfterToday, toDay, todayInShanghai, useDayjsLocale } from '../registry/dates';
import { applyProcurementErrors } from './procurementBits';
import { latestPeriodEnd, usePeriodText } from './projectBits';

interface Values {
  bidId?: string;
  amountYuan: string;
  termFrom: Dayjs | null;
  termTo: Dayjs | null;
  quantityTerms: string;
  qualityTerms: string;
  priceTerms: string;
  settlementTerms: string;
  signedOn: Dayjs | null;
  publish: boolean;
}

const TERMS = ['quantityTerms', 'qualityTerms', 'priceTerms', 'settlementTerms'] as const;

function AwardForm({
  project,
  bids,
  initialBid,
  onDone,
  onCancel,
  onStale,
}: {
  project: ProjectDetail;
  bids: Bid[];
  initialBid: Bid;
  onDone: (contract: Contract) => void;
  onCancel: () => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const periodText = usePeriodText();
  useDayjsLocale();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const bidId = Form.useWatch('bidId', form) ?? initialBid.id;
  const bid = bids.find((b) => b.id === bidId) ?? initialBid;
  const limit = Math.min(bid.priceFen, project.budgetFen);
  const years = project.recurring ? MAX_RECURRING_TERM_YEARS : MAX_TERM_YEARS;

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      awardBid(project.id, {
        bidId: v.bidId ?? '',
        amountFen: parseYuanToFen(v.amountYuan) ?? 0,
        termFrom: fromDay(v.termFrom) ?? '',
        termTo: fromDay(v.termTo) ?? '',
        quantityTerms: v.quantityTerms ?? '',
        qualityTerms: v.qualityTerms ?? '',
        priceTerms: v.priceTerms ?? '',
        settlementTerms: v.settlementTerms ?? '',
        signedOn: fromDay(v.signedOn) ?? '',
        publish: v.publish,
        version: project.version,
      }),
    onSuccess: (contract) => {
      setErrors(null);
      onDone(contract);
    },
    onError: (error) => {
      setErrors(
        applyProcurementErrors(
          form,
          error,
          {
            bidId: ['bidId'],
            amountFen: ['amountYuan'],
            termFrom: ['termFrom'],
            termTo: ['termTo'],
            quantityTerms: ['quantityTerms'],
            qualityTerms: ['qualityTerms'],
            priceTerms: ['priceTerms'],
            settlementTerms: ['settlementTerms'],
            signedOn: ['signedOn'],
          },
          {
            'project.over_budget': ['amountYuan'],
            'project.term_too_long': ['termTo'],
            'procurement.lead_unavailable': ['bidId'],
            'procurement.bid_not_submitted': ['bidId'],
          },
        ),
      );
      if (isApiError(error) && error.code === 'conflict.stale_version') onStale();
    },
  });

  return (
    <Form<Values>
      form={form}
      name="procurement-award"
      layout="vertical"
      initialValues={{
        bidId: initialBid.id,
        amountYuan: fenToYuanInput(Math.min(initialBid.priceFen, project.budgetFen)),
        termFrom: toDay(project.periodFrom),
        termTo: toDay(project.periodTo),
        quantityTerms: '',
        qualityTerms: '',
        priceTerms: '',
        settlementTerms: '',
        signedOn: toDay(todayInShanghai()),
        publish: true,
      }}
      onFinish={(v) => {
        setErrors(null);
        const chosen = bids.find((b) => b.id === v.bidId);
        // The award settles every bid and signs the contract at once: confirmed with what will be signed.
        modal.confirm({
          title: t('procurement.award.confirmTitle'),
          content: t('procurement.award.confirmText', {
            agency: chosen?.agencyName ?? '',
            amount: formatFen(parseYuanToFen(v.amountYuan)),
            term: periodText(fromDay(v.termFrom) ?? '', fromDay(v.termTo) ?? ''),
          }),
          okText: t('procurement.award.submit'),
          cancelText: t('common.cancel'),
          onOk: () => mutation.mutateAsync(v).catch(() => undefined),
        });
      }}
      data-testid="award-form"
    >
      <FormErrorAlert messages={errors} />
      <Form.Item
        name="bidId"
        label={t('procurement.award.bid')}
        rules={[{ required: true, message: t('procurement.award.bidRequired') }]}
      >
        <Select
          options={bids
            .filter((b) => b.status === 'submitted')
            .map((b) => ({ value: b.id, label: `${b.agencyName}（${formatFen(b.priceFen)}）` }))}
          onChange={(id: string) => {
            const next = bids.find((b) => b.id === id);
            if (next) form.setFieldValue('amountYuan', fenToYuanInput(Math.min(next.priceFen, project.budgetFen)));
          }}
        />
      </Form.Item>
      <Form.Item
        name="amountYuan"
        label={t('procurement.award.amount')}
        extra={t('procurement.award.amountHint', {
          price: formatFen(bid.priceFen),
          budget: formatFen(project.budgetFen),
        })}
        dependencies={['bidId']}
        rules={[
          { required: true, whitespace: true, message: t('procurement.award.amountRequired') },
          {
            validator: (_r, value: string | undefined) => {
              if (!value?.trim()) return Promise.resolve();
              const fen = parseYuanToFen(value);
              if (fen === null || fen <= 0) return Promise.reject(new Error(t('procurement.bid.priceInvalid')));
              if (fen > limit)
                return Promise.reject(new Error(t('procurement.award.amountOver', { limit: formatFen(limit) })));
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
          data-testid="award-amount"
        />
      </Form.Item>
      <div className="sg-form-grid">
        <Form.Item
          name="termFrom"
          label={t('procurement.award.termFrom')}
          rules={[{ required: true, message: t('procurement.award.termFromRequired') }]}
        >
          <DatePicker
            className="sg-full-width"
            onChange={() => void form.validateFields(['termTo']).catch(() => undefined)}
          />
        </Form.Item>
        <Form.Item
          name="termTo"
          label={t('procurement.award.termTo')}
          dependencies={['termFrom']}
          extra={t('procurement.award.termHint', { years })}
          rules={[
            { required: true, message: t('procurement.award.termToRequired') },
            ({ getFieldValue }) => ({
              validator: (_r, value: Dayjs | null) => {
                const from = fromDay(getFieldValue('termFrom') as Dayjs | null);
                const to = fromDay(value);
                if (!from || !to) return Promise.resolve();
                if (to < from) return Promise.reject(new Error(t('procurement.award.termOrder')));
                if (to > latestPeriodEnd(from, project.recurring))
                  return Promise.reject(
                    new Error(
                      t('procurement.award.termTooLong', { years, latest: latestPeriodEnd(from, project.recurring) }),
                    ),
                  );
                return Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker className="sg-full-width" />
        </Form.Item>
      </div>
      {project.recurring ? (
        <Alert type="info" showIcon className="sg-form-alert" title={t('procurement.award.recurring')} />
      ) : null}
      {TERMS.map((name) => (
        <Form.Item
          key={name}
          name={name}
          label={t(`procurement.award.${name}`)}
          rules={[{ max: 10_000, message: t('procurement.call.textMax', { max: 10_000 }) }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 8 }}
            maxLength={10_000}
            placeholder={t(`procurement.award.${name}Placeholder`)}
            data-testid={`award-${name}`}
          />
        </Form.Item>
      ))}
      <Form.Item
        name="signedOn"
        label={t('procurement.award.signedOn')}
        rules={[{ required: true, message: t('procurement.award.signedOnRequired') }]}
      >
        <DatePicker disabledDate={isAfterToday} />
      </Form.Item>
      <Form.Item name="publish" valuePropName="checked" extra={t('procurement.award.publishHint')}>
        <Checkbox data-testid="award-publish">{t('procurement.award.publish')}</Checkbox>
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="award-submit">
          {t('procurement.award.submit')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

/** 定标并签订合同: award a bid and record the contract in one step (tendering → contracted). */
export function ProcurementAwardDrawer({
  project,
  bids,
  bid,
  onClose,
  onDone,
  onStale,
}: {
  project: ProjectDetail;
  bids: Bid[];
  bid: Bid | null;
  onClose: () => void;
  onDone: (contract: Contract) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  return (
    <Drawer
      open={bid !== null}
      onClose={onClose}
      title={t('procurement.award.title')}
      size={isMobile ? '100%' : 640}
      destroyOnHidden
    >
      {bid ? (
        <AwardForm
          project={project}
          bids={bids}
          initialBid={bid}
          onDone={onDone}
          onCancel={onClose}
          onStale={onStale}
        />
      ) : null}
    </Drawer>
  );
}
