import { App, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VerifyBody } from '../../api/endpoints';
import { FormModal } from '../../components/FormModal';
import { sameNamedFields } from '../../components/serverErrors';

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
  return (
    <FormModal<Values, unknown>
      open={open}
      onClose={onClose}
      title={title}
      okText={t('verify.submit')}
      name="verify"
      intro={description ? <p>{description}</p> : null}
      submit={(values) => onSubmit({ decision: values.decision, note: values.note?.trim() ?? '' })}
      onSuccess={() => message.success(t('verify.done'))}
      fieldMap={sameNamedFields('decision', 'note')}
    >
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
    </FormModal>
  );
}
