import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../../contracts/roles';
import {
  exportAgencies,
  listOrganizations,
  type Organization,
  type OrganizationListParams,
  queryKeys,
} from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { hasAnyRole, useMe } from '../../app/session';
import { DownloadButtons } from '../../components/DownloadButtons';
import { QueryErrorResult } from '../../components/ErrorResults';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { paginationConfig } from '../../components/tableDefaults';
import { useListParams } from '../../components/useListParams';
import { importPath, mayImport } from '../imports/importKinds';
import { DivisionTreeSelect } from '../registry/DivisionTreeSelect';
import { CreateOrganizationModal } from './CreateOrganizationModal';
import type { OrganizationLinkState } from './OrganizationDetailPage';
import { STATUS_COLORS } from './organizationStatus';

const FILTER_KEYS = ['q', 'kind', 'divisionCode'] as const;
const BASE_PATH = navItem('organizations').path;
const IMPORT_PATH = importPath('agencies');
// The agency directory export (GET /api/organizations/export); agency managers only see their own agency.
const EXPORT_ROLES = ['bureau_admin', 'purchaser'] as const;

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
  const canImport = mayImport(me, 'agencies');
  const canExport = hasAnyRole(me, EXPORT_ROLES);

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
          canCreate || canImport ? (
            <Space wrap>
              {canImport ? (
                <Button
                  icon={<ImportOutlined />}
                  data-testid="agency-import"
                  href={IMPORT_PATH}
                  onClick={(e) => {
                    e.preventDefault();
                    void navigate(IMPORT_PATH);
                  }}
                >
                  {t('imports.links.agencies')}
                </Button>
              ) : null}
              {canCreate ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
                  {t('organizations.create')}
                </Button>
              ) : null}
            </Space>
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
          <DivisionTreeSelect
            className="sg-toolbar-select"
            allowClear
            aria-label={t('organizations.division')}
            placeholder={t('organizations.divisionPlaceholder')}
            value={filters.divisionCode}
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
        {canExport ? (
          <div className="sg-export-bar">
            <DownloadButtons
              size="small"
              label={t('exports.agencies')}
              testId="agency-export"
              download={(format) => exportAgencies(format, { q: params.q, divisionCode: params.divisionCode })}
            />
            <Typography.Text type="secondary">{t('exports.agenciesNote')}</Typography.Text>
          </div>
        ) : null}
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
