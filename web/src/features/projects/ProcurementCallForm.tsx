import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type ProcurementCall, type ProjectDetail, publishProcurementCall } from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { formatDateTime, formatFen, wallClockToShanghaiIso } from '../../components/format';
import { todayInShanghai, useDayjsLocale } from '../registry/dates';
import { applyProcurementErrors } from './procurementBits';
import { useProjectVocabulary } from './projectBits';

interface Values {
  title: string;
  content: string;
  eligibility: string;
  bidDeadline: Dayjs | null;
}

/** The picked wall-clock time, meant as Beijing time, with its +08:00 offset (the browser's own zone is irrelevant). */
const deadlineIso = (value: Dayjs) => wallClockToShanghaiIso(value.format('YYYY-MM-DDTHH:mm:00'));

/** 发布采购公告: publishing the call moves the approved project into tendering. */
export function ProcurementCallForm({
  project,
  onPublished,
  onStale,
}: {
  project: ProjectDetail;
  onPublished: (call: ProcurementCall) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  const { modal } = App.useApp();
  useDayjsLocale();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<string[] | null>(null);

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      publishProcurementCall(project.id, {
        title: v.title.trim(),
        content: v.content,
        eligibility: v.eligibility ?? '',
        bidDeadline: v.bidDeadline ? deadlineIso(v.bidDeadline) : '',
        version: project.version,
      }),
    onSuccess: (call) => {
      setErrors(null);
      onPublished(call);
    },
    onError: (error) => {
      setErrors(
        applyProcurementErrors(form, error, {
          title: ['title'],
          content: ['content'],
          eligibility: ['eligibility'],
          bidDeadline: ['bidDeadline'],
        }),
      );
      if (isApiError(error) && error.status === 409) onStale();
    },
  });

  return (
    <Card
      size="small"
      title={<h2 className="sg-card-title">{t('procurement.call.publishTitle')}</h2>}
      data-testid="call-form"
    >
      <Typography.Paragraph type="secondary">
        {t('procurement.call.publishIntro', {
          method: vocabulary.procurement(project.procurementMethod),
          budget: formatFen(project.budgetFen),
        })}
      </Typography.Paragraph>
      <FormErrorAlert messages={errors} />
      <Form<Values>
        form={form}
        name="procurement-call"
        layout="vertical"
        initialValues={{
          title: t('procurement.call.defaultTitle', { title: project.title }),
          content: project.serviceContent,
          eligibility: t('procurement.call.defaultEligibility'),
          bidDeadline: null,
        }}
        onFinish={(v) => {
          setErrors(null);
          // Publishing moves the project into tendering and starts the clock for bidders: confirmed first.
          modal.confirm({
            title: t('procurement.call.confirmTitle'),
            content: t('procurement.call.confirmText', {
              deadline: v.bidDeadline ? formatDateTime(deadlineIso(v.bidDeadline)) : '',
            }),
            okText: t('procurement.call.publish'),
            cancelText: t('common.cancel'),
            onOk: () => mutation.mutateAsync(v).catch(() => undefined),
          });
        }}
      >
        <Form.Item
          name="title"
          label={t('procurement.call.title')}
          rules={[
            { required: true, whitespace: true, message: t('procurement.call.titleRequired') },
            { min: 2, max: 200, message: t('procurement.call.titleLength') },
          ]}
        >
          <Input maxLength={200} autoComplete="off" data-testid="call-title" />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('procurement.call.content')}
          extra={t('procurement.call.contentHint')}
          rules={[
            { required: true, whitespace: true, message: t('procurement.call.contentRequired') },
            { max: 20_000, message: t('procurement.call.textMax', { max: 20_000 }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20_000} data-testid="call-content" />
        </Form.Item>
        <Form.Item
          name="eligibility"
          label={t('procurement.call.eligibility')}
          rules={[{ max: 5000, message: t('procurement.call.textMax', { max: 5000 }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={5000} data-testid="call-eligibility" />
        </Form.Item>
        <Form.Item
          name="bidDeadline"
          label={t('procurement.call.bidDeadline')}
          extra={t('procurement.call.bidDeadlineHint')}
          rules={[
            { required: true, message: t('procurement.call.deadlineRequired') },
            {
              validator: (_r, value: Dayjs | null) =>
                !value || Date.parse(deadlineIso(value)) > Date.now()
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('procurement.call.deadlineFuture'))),
            },
          ]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            needConfirm={false}
            format="YYYY-MM-DD HH:mm"
            className="sg-deadline-picker"
            disabledDate={(d) => d.format('YYYY-MM-DD') < todayInShanghai()}
            data-testid="call-deadline"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="call-publish">
          {t('procurement.call.publish')}
        </Button>
      </Form>
    </Card>
  );
}
