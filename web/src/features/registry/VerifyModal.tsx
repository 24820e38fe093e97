import { App, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerifyBody } from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { applyServerErrors } from '../../components/serverErrors';

interface Values {
  decision: VerifyBody['decision'];
  note?: string;
}

/** The bureau's verification of a credential or an organization's registration: decision plus a note. */
export function VerifyModal({
  open,
  title,
  description,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  description?: string;
  onSubmit: (body: VerifyBody) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);

  const close = () => {
    form.resetFields();
    setErrors(null);
    onClose();
  };

  const submit = async (values: Values) => {
    setSubmitting(true);
    setErrors(null);
    try {
      await onSubmit({ decision: values.decision, note: values.note?.trim() ?? '' });
      message.success(t('verify.done'));
      close();
    } catch (error) {
      setErrors(applyServerErrors(form, error, { decision: ['decision'], note: ['note'] }));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={t('verify.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={submitting}
      destroyOnHidden
    >
      {description ? <p>{description}</p> : null}
      <FormErrorAlert messages={errors} />
      <Form<Values> form={form} name="verify" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="decision"
          label={t('verify.decision')}
          rules={[{ required: true, message: t('verify.decisionRequired') }]}
        >
          <Radio.Group
            options={[
              { value: 'verified', label: t('verify.verified') },
              { value: 'rejected', label: t('verify.rejected') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('verify.note')}
          dependencies={['decision']}
          rules={[
            // A rejection needs a reason the organization or worker can act on.
            ({ getFieldValue }) => ({
              required: getFieldValue('decision') === 'rejected',
              whitespace: true,
              message: t('verify.noteRequired'),
            }),
            { max: 500, message: t('verify.noteLength') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('verify.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
