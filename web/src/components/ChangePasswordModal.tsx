import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { changePassword } from '../api/endpoints';
import { refreshMe } from '../app/session';
import { FormErrorAlert } from './FormErrorAlert';
import { PasswordPolicyHint, ruleText } from './PasswordPolicyHint';
import { rulesFromDetails } from './passwordPolicy';
import { applyServerErrors } from './serverErrors';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export interface ChangePasswordModalProps {
  open: boolean;
  username: string;
  /** First sign-in: the dialog cannot be dismissed; the only way out is changing the password or signing out. */
  forced?: boolean;
  onClose: () => void;
  onSignOut?: () => void;
}

export default function ChangePasswordModal({
  open,
  username,
  forced = false,
  onClose,
  onSignOut,
}: ChangePasswordModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form);
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);

  const submit = async (values: Values) => {
    setSubmitting(true);
    setErrors(null);
    try {
      await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      message.success(t('password.success'));
      form.resetFields();
      await refreshMe();
      onClose();
    } catch (error) {
      if (isApiError(error) && error.code === 'auth.invalid_credentials') {
        form.setFields([{ name: 'currentPassword', errors: [error.message] }]);
      } else if (
        isApiError(error) &&
        (error.code === 'auth.password_policy' || error.code === 'auth.password_reused')
      ) {
        const rules = rulesFromDetails(error.details).map((r) => t(ruleText(r)));
        form.setFields([{ name: 'newPassword', errors: rules.length > 0 ? rules : [error.message] }]);
        setErrors([error.message]);
      } else {
        setErrors(
          applyServerErrors(form, error, {
            currentPassword: ['currentPassword'],
            newPassword: ['newPassword'],
          }),
        );
      }
    } finally {
      setSubmitting(false);
    }
  };

  const cancel = () => {
    form.resetFields();
    setErrors(null);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={forced ? t('password.forcedTitle') : t('password.title')}
      closable={!forced}
      keyboard={!forced}
      mask={{ closable: !forced }}
      onCancel={forced ? undefined : cancel}
      destroyOnHidden
      footer={[
        forced ? (
          <Button key="signout" onClick={onSignOut}>
            {t('userMenu.logout')}
          </Button>
        ) : (
          <Button key="cancel" onClick={cancel}>
            {t('common.cancel')}
          </Button>
        ),
        <Button key="submit" type="primary" loading={submitting} onClick={() => form.submit()}>
          {t('password.submit')}
        </Button>,
      ]}
    >
      {forced ? <Typography.Paragraph>{t('password.forcedHint')}</Typography.Paragraph> : null}
      <FormErrorAlert messages={errors} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} name="change-password">
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[{ required: true, message: t('password.newRequired') }]}
          extra={<PasswordPolicyHint password={newPassword} username={username} />}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {/* Lets Enter submit the form from any field. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
