import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Table, Tag, TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../../contracts/roles';
import { listOrganizations, type Organization, type OrganizationListParams, queryKeys } from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { paginationConfig } from '../../components/tableDefaults';
import { useListParams } from '../../components/useListParams';
import { toTreeSelectData, useDivisions } from '../divisions/divisions';
import { CreateOrganizationModal } from './CreateOrganizationModal';
import type { OrganizationLinkState } from './OrganizationDetailPage';
import { STATUS_COLORS } from './organizationStatus';

const FILTER_KEYS = ['q', 'kind', 'divisionCode'] as const;
const BASE_PATH = navItem('organizations').path;

function isKind(value: string | undefined): value is OrganizationKind {
  return (ORGANIZATION_KINDS as readonly string[]).includes(value ?? '');
}

export default function OrganizationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { filters, page, pageSize, setFilters, resetFilters, setPage, search } = useListParams(FILTER_KEYS);
  const [q, setQ] = useState(filters.q ?? '');
  const [createOpen, setCreateOpen] = useState(false);
  const canCreate = me.roles.includes('bureau_admin');
  const divisions = useDivisions();
  const treeData = useMemo(() => (divisions.data ? toTreeSelectData(divisions.data.roots) : []), [divisions.data]);

  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  const params: OrganizationListParams = {
    q: filters.q,
    kind: isKind(filters.kind) ? filters.kind : undefined,
    divisionCode: filters.divisionCode,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: queryKeys.organizationList(params),
    queryFn: ({ signal }) => listOrganizations(params, { signal }),
    placeholderData: keepPreviousData,
  });

  const linkState: OrganizationLinkState = { back: search ? `${BASE_PATH}?${search}` : BASE_PATH };

  return (
    <>
      <PageHeader
        title={t('organizations.title')}
        extra={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
              {t('organizations.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <search className="sg-toolbar" aria-label={t('common.filters')}>
          <Input.Search
            className="sg-toolbar-search"
            allowClear
            aria-label={t('organizations.search')}
            placeholder={t('organizations.searchPlaceholder')}
            value={q}
            maxLength={64}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(value) => setFilters({ q: value.trim() })}
          />
          <Select<OrganizationKind>
            className="sg-toolbar-select"
            allowClear
            aria-label={t('organizations.kind')}
            placeholder={t('organizations.kindPlaceholder')}
            value={params.kind}
            options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`orgKinds.${k}`) }))}
            onChange={(kind) => setFilters({ kind })}
          />
          <TreeSelect<string>
            className="sg-toolbar-select"
            allowClear
            aria-label={t('organizations.division')}
            placeholder={t('organizations.divisionPlaceholder')}
            value={filters.divisionCode}
            treeData={treeData}
            loading={divisions.isPending}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandedKeys={divisions.data?.roots.map((r) => r.division.code)}
            onChange={(divisionCode) => setFilters({ divisionCode })}
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
          <Table<Organization>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            scroll={{ x: 'max-content' }}
            pagination={paginationConfig(t, page, pageSize, list.data?.total)}
            onChange={(p) => setPage(p.current ?? 1, p.pageSize ?? pageSize)}
            columns={[
              {
                title: t('organizations.name'),
                dataIndex: 'name',
                render: (name: string, o) => (
                  <Link to={`${BASE_PATH}/${o.id}`} state={linkState}>
                    {name}
                  </Link>
                ),
              },
              {
                title: t('organizations.kind'),
                dataIndex: 'kind',
                render: (kind: OrganizationKind) => t(`orgKinds.${kind}`),
              },
              {
                title: t('organizations.division'),
                dataIndex: 'divisionName',
                render: (name: string, o) => (
                  <>
                    {name} <span className="sg-division-code">{o.divisionCode}</span>
                  </>
                ),
              },
              {
                title: t('organizations.status'),
                dataIndex: 'status',
                render: (status: Organization['status']) => (
                  <Tag color={STATUS_COLORS[status]}>{t(`orgStatus.${status}`)}</Tag>
                ),
              },
              {
                title: t('organizations.createdAt'),
                dataIndex: 'createdAt',
                className: 'sg-nowrap',
                render: (at: string) => formatDateTime(at),
              },
            ]}
          />
        )}
      </Card>

      {canCreate ? (
        <CreateOrganizationModal
          open={createOpen}
          onClose={() => setCreateOpen(false)}
          onCreated={(o) => {
            setCreateOpen(false);
            void navigate(`${BASE_PATH}/${o.id}`, { state: linkState });
          }}
        />
      ) : null}
    </>
  );
}
