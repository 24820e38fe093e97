import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { BeneficiaryRevealField, RevealField } from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';

/** How long a revealed value stays on screen. */
export const REVEAL_SECONDS = 60;

/**
 * A masked 身份证号 or mobile with a 查看 button, for any record with a `POST …/reveal {field, reason}` endpoint
 * (workers, residents, beneficiaries). The full value is fetched for a stated reason (recorded in the audit log by the server),
 * shown for 60 seconds, and dropped when the user leaves the page. It is deliberately kept in component state only,
 * never in the query or mutation cache.
 */
export function RevealableField<F extends RevealField | BeneficiaryRevealField>({
  field,
  masked,
  canReveal,
  reveal,
  reasonPlaceholder,
}: {
  field: F;
  masked: string | null;
  canReveal: boolean;
  reveal: (body: { field: F; reason: string }) => Promise<{ value: string | null }>;
  reasonPlaceholder?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [open, setOpen] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const [revealed, setRevealed] = useState<{ value: string | null } | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(REVEAL_SECONDS);
  const fieldName = t(`reveal.fields.${field}`);

  useEffect(() => {
    if (!revealed) return;
    const started = Date.now();
    setSecondsLeft(REVEAL_SECONDS);
    const timer = setInterval(() => {
      const left = REVEAL_SECONDS - Math.floor((Date.now() - started) / 1000);
      if (left <= 0) setRevealed(null);
      else setSecondsLeft(left);
    }, 1000);
    return () => clearInterval(timer);
  }, [revealed]);

  if (masked === null) return <Typography.Text type="secondary">{t('reveal.notOnFile')}</Typography.Text>;

  const close = () => {
    form.resetFields();
    setErrors(null);
    setOpen(false);
  };

  const submit = async ({ reason }: { reason: string }) => {
    setSubmitting(true);
    setErrors(null);
    try {
      const result = await reveal({ field, reason: reason.trim() });
      setRevealed({ value: result.value });
      close();
    } catch (error) {
      if (isApiError(error) && error.status === 403) {
        message.error(error.message);
        close();
      } else {
        setErrors(applyServerErrors(form, error, { reason: ['reason'] }));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <span className="sg-reveal">
      {revealed ? (
        <>
          <span className="sg-mono" data-testid={`revealed-${field}`}>
            {revealed.value ?? t('reveal.notOnFile')}
          </span>
          <Typography.Text type="secondary" className="sg-reveal-countdown" aria-live="off">
            {t('reveal.countdown', { seconds: secondsLeft })}
          </Typography.Text>
          <Button
            size="small"
            type="link"
            icon={<EyeInvisibleOutlined aria-hidden />}
            onClick={() => setRevealed(null)}
            aria-label={t('reveal.hideLabel', { field: fieldName })}
          >
            {t('reveal.hide')}
          </Button>
        </>
      ) : (
        <>
          <span className="sg-mono">{masked}</span>
          {canReveal ? (
            <Button
              size="small"
              type="link"
              icon={<EyeOutlined aria-hidden />}
              data-testid={`reveal-${field}`}
              onClick={() => setOpen(true)}
              aria-label={t('reveal.showLabel', { field: fieldName })}
            >
              {t('reveal.show')}
            </Button>
          ) : null}
        </>
      )}
      <Modal
        open={open}
        title={t('reveal.title', { field: fieldName })}
        okText={t('reveal.submit')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={close}
        confirmLoading={submitting}
        destroyOnHidden
      >
        <FormErrorAlert messages={errors} />
        <Form<{ reason: string }>
          form={form}
          name={`reveal-${field}`}
          layout="vertical"
          onFinish={(values) => void submit(values)}
        >
          <Form.Item
            name="reason"
            label={t('reveal.reason')}
            extra={t('reveal.reasonHint')}
            rules={[
              { required: true, whitespace: true, message: t('reveal.reasonRequired') },
              {
                validator: (_rule, value: string | undefined) => {
                  const length = value?.trim().length ?? 0;
                  return length === 0 || (length >= 4 && length <= 200)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('reveal.reasonLength')));
                },
              },
            ]}
          >
            {/* Single line: the server refuses line breaks in a reason. */}
            <Input
              maxLength={200}
              showCount
              autoFocus
              autoComplete="off"
              placeholder={reasonPlaceholder ?? t('reveal.reasonPlaceholder')}
            />
          </Form.Item>
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </Modal>
    </span>
  );
}
