import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../contracts/roles';
import { isApiError } from '../../api/client';
import { createUser, type Organization, queryKeys, type UserSummary } from '../../api/endpoints';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { PasswordPolicyHint, ruleText } from '../../components/PasswordPolicyHint';
import { rulesFromDetails } from '../../components/passwordPolicy';
import { applyServerErrors } from '../../components/serverErrors';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { RoleSelect, rolesForKind } from './RoleSelect';

interface Values {
  username: string;
  displayName: string;
  password: string;
  organizationId: string;
  role: Role;
}

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (user: UserSummary) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const username = Form.useWatch('username', form) ?? '';
  const password = Form.useWatch('password', form);
  const [organization, setOrganization] = useState<Organization | undefined>();
  const [errors, setErrors] = useState<string[] | null>(null);

  const mutation = useMutation({
    mutationFn: (values: Values) =>
      createUser({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        password: values.password,
        membership: { organizationId: values.organizationId, role: values.role },
      }),
    onSuccess: (user) => {
      message.success(t('users.created'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      reset();
      onCreated(user);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'user.username_taken') {
        form.setFields([{ name: 'username', errors: [error.message] }]);
      } else if (isApiError(error) && error.code === 'membership.role_not_allowed') {
        form.setFields([{ name: 'role', errors: [error.message] }]);
      } else if (isApiError(error) && error.code === 'auth.password_policy') {
        const rules = rulesFromDetails(error.details).map((r) => t(ruleText(r)));
        form.setFields([{ name: 'password', errors: rules.length > 0 ? rules : [error.message] }]);
      }
      setErrors(
        applyServerErrors(form, error, {
          username: ['username'],
          displayName: ['displayName'],
          password: ['password'],
          'membership.organizationId': ['organizationId'],
          'membership.role': ['role'],
        }),
      );
    },
  });

  function reset() {
    form.resetFields();
    setOrganization(undefined);
    setErrors(null);
  }

  return (
    <Modal
      open={open}
      title={t('users.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        reset();
        onClose();
      }}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <FormErrorAlert messages={errors} />
      <Form<Values> form={form} name="create-user" layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameFormat')}
          rules={[
            { required: true, whitespace: true, message: t('users.usernameRequired') },
            { min: 3, max: 64, pattern: USERNAME_PATTERN, message: t('users.usernameFormat') },
          ]}
        >
          <Input maxLength={64} autoComplete="off" autoCapitalize="none" spellCheck={false} autoFocus />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[
            { required: true, whitespace: true, message: t('users.displayNameRequired') },
            { max: 64, message: t('users.displayNameLength') },
          ]}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.initialPassword')}
          rules={[{ required: true, message: t('users.passwordRequired') }]}
          extra={
            <>
              <div>{t('users.initialPasswordHint')}</div>
              <PasswordPolicyHint password={password} username={username.trim()} />
            </>
          }
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          name="organizationId"
          label={t('users.organization')}
          rules={[{ required: true, message: t('users.organizationRequired') }]}
        >
          <OrganizationSelect
            placeholder={t('organizations.searchOrganizations')}
            onOrganizationChange={(org) => {
              setOrganization(org);
              const allowed = rolesForKind(org?.kind);
              const current = form.getFieldValue('role') as Role | undefined;
              if (allowed.length === 1) form.setFieldValue('role', allowed[0]);
              else if (current && !allowed.includes(current)) form.setFieldValue('role', undefined);
            }}
          />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <RoleSelect organizationKind={organization?.kind} />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
