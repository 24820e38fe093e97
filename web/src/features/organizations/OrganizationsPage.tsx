import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Drawer, Input, Select, Table, Tag, TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../../contracts/roles';
import {
  getOrganization,
  listOrganizations,
  type Organization,
  type OrganizationListParams,
  queryKeys,
} from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FullPageSpin } from '../../components/FullPageSpin';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { paginationConfig } from '../../components/tableDefaults';
import { useDetailRoute } from '../../components/useDetailRoute';
import { useListParams } from '../../components/useListParams';
import { useIsMobile } from '../../components/useMediaQuery';
import { toTreeSelectData, useDivisions } from '../divisions/divisions';
import NotFoundPage from '../errors/NotFoundPage';
import { CreateOrganizationModal } from './CreateOrganizationModal';

const FILTER_KEYS = ['q', 'kind', 'divisionCode'] as const;
const BASE_PATH = navItem('organizations').path;

const STATUS_COLORS: Record<Organization['status'], string> = {
  active: 'success',
  suspended: 'warning',
  deregistered: 'default',
};

function isKind(value: string | undefined): value is OrganizationKind {
  return (ORGANIZATION_KINDS as readonly string[]).includes(value ?? '');
}

export default function OrganizationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const isMobile = useIsMobile();
  const { organizationId } = useParams();
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

  const {
    detail,
    notFound,
    open: openDetail,
    close: closeDetail,
  } = useDetailRoute({
    basePath: BASE_PATH,
    id: organizationId,
    search,
    queryKey: queryKeys.organization(organizationId ?? ''),
    load: (id, signal) => getOrganization(id, { signal }),
  });
  if (notFound) return <NotFoundPage />;

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
                  <Button type="link" className="sg-link-cell" onClick={() => openDetail(o.id)}>
                    {name}
                  </Button>
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

      <Drawer
        open={organizationId !== undefined}
        onClose={closeDetail}
        title={detail.data?.name ?? t('organizations.detailTitle')}
        size={isMobile ? '100%' : 520}
        destroyOnHidden
      >
        {detail.isPending ? (
          <FullPageSpin inline />
        ) : detail.isError ? (
          <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} />
        ) : (
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'name', label: t('organizations.name'), children: detail.data.name },
              { key: 'kind', label: t('organizations.kind'), children: t(`orgKinds.${detail.data.kind}`) },
              {
                key: 'division',
                label: t('organizations.division'),
                children: `${detail.data.divisionName}（${detail.data.divisionCode}）`,
              },
              {
                key: 'status',
                label: t('organizations.status'),
                children: <Tag color={STATUS_COLORS[detail.data.status]}>{t(`orgStatus.${detail.data.status}`)}</Tag>,
              },
              {
                key: 'createdAt',
                label: t('organizations.createdAt'),
                children: formatDateTime(detail.data.createdAt),
              },
              { key: 'version', label: t('organizations.version'), children: detail.data.version },
              { key: 'id', label: t('organizations.id'), children: <code>{detail.data.id}</code> },
            ]}
          />
        )}
      </Drawer>

      {canCreate ? (
        <CreateOrganizationModal
          open={createOpen}
          onClose={() => setCreateOpen(false)}
          onCreated={(o) => {
            setCreateOpen(false);
            openDetail(o.id);
          }}
        />
      ) : null}
    </>
  );
}
