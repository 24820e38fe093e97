import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  getUser,
  listUsers,
  type Membership,
  queryKeys,
  type UserListParams,
  type UserStatus,
  type UserSummary,
} from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { QueryErrorResult } from '../../components/ErrorResults';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { isUuid, paginationConfig } from '../../components/tableDefaults';
import { useDetailRoute } from '../../components/useDetailRoute';
import { useListParams } from '../../components/useListParams';
import NotFoundPage from '../errors/NotFoundPage';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { CreateUserModal } from './CreateUserModal';
import { UserDetailDrawer } from './UserDetailDrawer';
import { UserStatusTags } from './UserStatusTags';

const FILTER_KEYS = ['q', 'status', 'organizationId'] as const;
const STATUSES: readonly UserStatus[] = ['active', 'disabled'];
const BASE_PATH = navItem('users').path;

function isStatus(value: string | undefined): value is UserStatus {
  return (STATUSES as readonly string[]).includes(value ?? '');
}

export default function UsersPage() {
  const { t } = useTranslation();
  const { userId } = useParams();
  const { filters, page, pageSize, setFilters, resetFilters, setPage, search } = useListParams(FILTER_KEYS);
  const [q, setQ] = useState(filters.q ?? '');
  const [createOpen, setCreateOpen] = useState(false);

  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  const params: UserListParams = {
    q: filters.q,
    status: isStatus(filters.status) ? filters.status : undefined,
    organizationId: isUuid(filters.organizationId) ? filters.organizationId : undefined,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: queryKeys.userList(params),
    queryFn: ({ signal }) => listUsers(params, { signal }),
    placeholderData: keepPreviousData,
  });

  const {
    detail,
    notFound,
    open: openDetail,
    close: closeDetail,
  } = useDetailRoute({
    basePath: BASE_PATH,
    id: userId,
    search,
    queryKey: queryKeys.user(userId ?? ''),
    load: (id, signal) => getUser(id, { signal }),
  });
  if (notFound) return <NotFoundPage />;

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
            {t('users.create')}
          </Button>
        }
      />
      <Card>
        <search className="sg-toolbar" aria-label={t('common.filters')}>
          <Input.Search
            className="sg-toolbar-search"
            allowClear
            aria-label={t('users.search')}
            placeholder={t('users.searchPlaceholder')}
            value={q}
            maxLength={64}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(value) => setFilters({ q: value.trim() })}
          />
          <Select<UserStatus>
            className="sg-toolbar-select"
            allowClear
            aria-label={t('users.status')}
            placeholder={t('users.statusPlaceholder')}
            value={params.status}
            options={STATUSES.map((s) => ({ value: s, label: t(`userStatus.${s}`) }))}
            onChange={(status) => setFilters({ status })}
          />
          <OrganizationSelect
            className="sg-toolbar-select"
            allowClear
            aria-label={t('users.organization')}
            placeholder={t('users.organizationPlaceholder')}
            value={params.organizationId}
            onChange={(organizationId) => setFilters({ organizationId })}
          />
          <Button
            onClick={() => {
              setQ('');
              resetFilters();
            }}
          >
            {t('common.reset')}
          </Button>
        </search>
        {list.isError && !list.data ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<UserSummary>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            scroll={{ x: 'max-content' }}
            pagination={paginationConfig(t, page, pageSize, list.data?.total)}
            onChange={(p) => setPage(p.current ?? 1, p.pageSize ?? pageSize)}
            columns={[
              {
                title: t('users.username'),
                dataIndex: 'username',
                render: (username: string, u) => (
                  <Button type="link" className="sg-link-cell" onClick={() => openDetail(u.id)}>
                    {username}
                  </Button>
                ),
              },
              { title: t('users.displayName'), dataIndex: 'displayName' },
              {
                title: t('users.status'),
                key: 'status',
                render: (_: unknown, u) => <UserStatusTags user={u} />,
              },
              {
                title: t('users.memberships'),
                dataIndex: 'memberships',
                render: (memberships: Membership[]) => (
                  <span className="sg-tags">
                    {memberships.map((m) => (
                      <Tag key={m.id} color="blue">
                        {t(`roles.${m.role}`)} · {m.organizationName}
                      </Tag>
                    ))}
                  </span>
                ),
              },
              {
                title: t('users.lastLoginAt'),
                dataIndex: 'lastLoginAt',
                className: 'sg-nowrap',
                render: (at: string | null) => formatDateTime(at, t('users.never')),
              },
              {
                title: t('users.createdAt'),
                dataIndex: 'createdAt',
                className: 'sg-nowrap',
                render: (at: string) => formatDateTime(at),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_: unknown, u) => (
                  <Button
                    size="small"
                    onClick={() => openDetail(u.id)}
                    aria-label={t('users.openDetail', { name: u.displayName })}
                  >
                    {t('common.detail')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>

      <UserDetailDrawer
        open={userId !== undefined}
        user={detail.data}
        loading={detail.isPending && isUuid(userId)}
        error={detail.error}
        onRetry={() => void detail.refetch()}
        onClose={closeDetail}
      />

      <CreateUserModal
        open={createOpen}
        onClose={() => setCreateOpen(false)}
        onCreated={(u) => {
          setCreateOpen(false);
          openDetail(u.id);
        }}
      />
    </>
  );
}
