import { AuditOutlined, KeyOutlined, StopOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Form, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Role } from '../../../../contracts/roles';
import {
  disableUser,
  enableUser,
  grantMembership,
  type Membership,
  type Organization,
  queryKeys,
  revokeMembership,
  type UserSummary,
} from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { FullPageSpin } from '../../components/FullPageSpin';
import { formatDateTime, isFuture } from '../../components/format';
import { applyServerErrors } from '../../components/serverErrors';
import { useIsMobile } from '../../components/useMediaQuery';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { ResetPasswordModal } from './ResetPasswordModal';
import { RoleSelect, rolesForKind } from './RoleSelect';
import { UserStatusTags } from './UserStatusTags';

interface GrantValues {
  organizationId: string;
  role: Role;
}

function GrantMembershipForm({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<GrantValues>();
  const [organization, setOrganization] = useState<Organization | undefined>();
  const [errors, setErrors] = useState<string[] | null>(null);

  const mutation = useMutation({
    mutationFn: (values: GrantValues) => grantMembership(user.id, values),
    onSuccess: () => {
      message.success(t('users.grantDone'));
      form.resetFields();
      setOrganization(undefined);
      setErrors(null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
    },
    onError: (error) =>
      setErrors(applyServerErrors(form, error, { organizationId: ['organizationId'], role: ['role'] })),
  });

  return (
    <section aria-labelledby="grant-title">
      <Typography.Title level={2} id="grant-title" className="sg-section-title">
        {t('users.grantTitle')}
      </Typography.Title>
      <FormErrorAlert messages={errors} />
      <Form<GrantValues>
        form={form}
        name="grant-membership"
        layout="vertical"
        onFinish={(values) => mutation.mutate(values)}
      >
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
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {t('users.grant')}
        </Button>
      </Form>
    </section>
  );
}

export function UserDetailDrawer({
  open,
  user,
  loading,
  error,
  onRetry,
  onClose,
}: {
  open: boolean;
  user: UserSummary | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [resetOpen, setResetOpen] = useState(false);

  const afterChange = (updated?: UserSummary) => {
    if (updated) queryClient.setQueryData(queryKeys.user(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: queryKeys.users });
  };

  const status = useMutation({
    mutationFn: (action: 'disable' | 'enable') => (action === 'disable' ? disableUser : enableUser)(user?.id ?? ''),
    onSuccess: (updated, action) => {
      message.success(action === 'disable' ? t('users.disabledDone') : t('users.enabledDone'));
      afterChange(updated);
    },
    onError: (e) => message.error(e.message),
  });

  const revoke = useMutation({
    mutationFn: (membershipId: string) => revokeMembership(user?.id ?? '', membershipId),
    onSuccess: () => {
      message.success(t('users.revokeDone'));
      afterChange();
    },
    onError: (e) => message.error(e.message),
  });

  const isSelf = user?.id === me.user.id;

  let body: ReactNode;
  if (loading) body = <FullPageSpin inline />;
  else if (error || !user) body = <QueryErrorResult error={error} onRetry={onRetry} />;
  else {
    body = (
      <Space orientation="vertical" size="large" className="sg-full-width">
        <Space wrap>
          {user.status === 'active' ? (
            <Popconfirm
              title={t('users.disableConfirm', { name: user.displayName })}
              okText={t('users.disable')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => status.mutateAsync('disable').catch(() => undefined)}
              disabled={isSelf}
            >
              <Button danger icon={<StopOutlined />} disabled={isSelf} loading={status.isPending}>
                {t('users.disable')}
              </Button>
            </Popconfirm>
          ) : (
            <Popconfirm
              title={t('users.enableConfirm', { name: user.displayName })}
              okText={t('users.enable')}
              cancelText={t('common.cancel')}
              onConfirm={() => status.mutateAsync('enable').catch(() => undefined)}
            >
              <Button icon={<UnlockOutlined />} loading={status.isPending}>
                {t('users.enable')}
              </Button>
            </Popconfirm>
          )}
          <Button icon={<KeyOutlined />} onClick={() => setResetOpen(true)}>
            {t('users.resetPassword')}
          </Button>
          <Button
            icon={<AuditOutlined />}
            onClick={() => void navigate(`${navItem('audit').path}?targetType=user&targetId=${user.id}`)}
          >
            {t('users.auditLink')}
          </Button>
        </Space>

        <section aria-labelledby="account-title">
          <Typography.Title level={2} id="account-title" className="sg-section-title">
            {t('users.account')}
          </Typography.Title>
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'username', label: t('users.username'), children: user.username },
              { key: 'displayName', label: t('users.displayName'), children: user.displayName },
              { key: 'status', label: t('users.status'), children: <UserStatusTags user={user} /> },
              ...(isFuture(user.lockedUntil)
                ? [
                    {
                      key: 'lockedUntil',
                      label: t('users.lockedUntilLabel'),
                      children: formatDateTime(user.lockedUntil),
                    },
                  ]
                : []),
              {
                key: 'lastLoginAt',
                label: t('users.lastLoginAt'),
                children: formatDateTime(user.lastLoginAt, t('users.never')),
              },
              { key: 'createdAt', label: t('users.createdAt'), children: formatDateTime(user.createdAt) },
              { key: 'id', label: t('users.id'), children: <code>{user.id}</code> },
            ]}
          />
        </section>

        <section aria-labelledby="memberships-title">
          <Typography.Title level={2} id="memberships-title" className="sg-section-title">
            {t('users.memberships')}
          </Typography.Title>
          <Table<Membership>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={user.memberships}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('users.noMemberships') }}
            columns={[
              {
                title: t('users.organization'),
                dataIndex: 'organizationName',
                render: (name: string, m) => (
                  <>
                    <div>{name}</div>
                    <Typography.Text type="secondary">
                      {t(`orgKinds.${m.organizationKind}`)} · {m.divisionName}
                    </Typography.Text>
                  </>
                ),
              },
              {
                title: t('users.role'),
                dataIndex: 'role',
                render: (r: Role) => <Tag color="blue">{t(`roles.${r}`)}</Tag>,
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_: unknown, m) => (
                  <Popconfirm
                    title={t('users.revokeConfirm', { org: m.organizationName, role: t(`roles.${m.role}`) })}
                    okText={t('users.revoke')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => revoke.mutateAsync(m.id).catch(() => undefined)}
                  >
                    <Button
                      size="small"
                      danger
                      aria-label={`${t('users.revoke')}: ${m.organizationName} · ${t(`roles.${m.role}`)}`}
                    >
                      {t('users.revoke')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        </section>

        <GrantMembershipForm user={user} />
      </Space>
    );
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={user ? `${user.displayName}（${user.username}）` : t('users.detailTitle')}
      size={isMobile ? '100%' : 640}
      destroyOnHidden
    >
      {body}
      {user ? (
        <ResetPasswordModal
          user={user}
          open={resetOpen}
          onClose={() => setResetOpen(false)}
          onDone={() => {
            setResetOpen(false);
            afterChange();
          }}
        />
      ) : null}
    </Drawer>
  );
}
