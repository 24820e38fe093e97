import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { resetUserPassword, type UserSummary } from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { PasswordPolicyHint, ruleText } from '../../components/PasswordPolicyHint';
import { rulesFromDetails } from '../../components/passwordPolicy';
import { applyServerErrors } from '../../components/serverErrors';

export function ResetPasswordModal({
  user,
  open,
  onClose,
  onDone,
}: {
  user: UserSummary;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const newPassword = Form.useWatch('newPassword', form);
  const [errors, setErrors] = useState<string[] | null>(null);

  const close = () => {
    form.resetFields();
    setErrors(null);
    onClose();
  };

  const mutation = useMutation({
    mutationFn: (value: string) => resetUserPassword(user.id, value),
    onSuccess: () => {
      message.success(t('users.resetDone'));
      form.resetFields();
      setErrors(null);
      onDone();
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'auth.password_policy') {
        const rules = rulesFromDetails(error.details).map((r) => t(ruleText(r)));
        form.setFields([{ name: 'newPassword', errors: rules.length > 0 ? rules : [error.message] }]);
      }
      setErrors(applyServerErrors(form, error, { newPassword: ['newPassword'] }));
    },
  });

  return (
    <Modal
      open={open}
      title={t('users.resetTitle', { name: user.displayName })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('users.resetHint')}</Typography.Paragraph>
      <FormErrorAlert messages={errors} />
      <Form
        form={form}
        name="reset-password"
        layout="vertical"
        onFinish={(values) => mutation.mutate(values.newPassword)}
      >
        <Form.Item
          name="newPassword"
          label={t('users.newPassword')}
          rules={[{ required: true, message: t('password.newRequired') }]}
          extra={<PasswordPolicyHint password={newPassword} username={user.username} />}
        >
          <Input.Password autoComplete="new-password" maxLength={128} autoFocus />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
