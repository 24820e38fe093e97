import { GlobalOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Input, Pagination, Radio, Select, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PROJECT_STATUSES } from '../../../../contracts/projects';
import {
  exportProjects,
  listProjects,
  type ProjectListParams,
  type ProjectPage,
  type ProjectSummary,
  queryKeys,
} from '../../api/endpoints';
import { PUBLIC_PROJECTS_PATH } from '../../app/navigation';
import { hasAnyRole, useMe } from '../../app/session';
import { DownloadButtons } from '../../components/DownloadButtons';
import { QueryErrorResult } from '../../components/ErrorResults';
import { PageHeader } from '../../components/PageHeader';
import { paginationConfig } from '../../components/tableDefaults';
import { PAGE_SIZE_OPTIONS, useListParams } from '../../components/useListParams';
import { useIsMobile } from '../../components/useMediaQuery';
import { DivisionTreeSelect } from '../registry/DivisionTreeSelect';
import {
  GradeTag,
  oneOf,
  PROJECTS_PATH,
  ProjectAmount,
  type ProjectLinkState,
  ProjectStatusTag,
  PURCHASING_ROLES,
  projectPath,
  TableEmpty,
  usePeriodText,
  useProjectVocabulary,
} from './projectBits';
import './projects.css';

const FILTER_KEYS = ['q', 'status', 'divisionCode', 'year'] as const;
const DIVISION_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;
const ALL = 'all';

/** Service years offered in the filter: a few back, one ahead (the filter is the year the service period starts). */
function yearOptions(now = new Date()): number[] {
  const current = now.getFullYear();
  return Array.from({ length: 7 }, (_, i) => current + 1 - i);
}

/** Status chips with counts: every status, in lifecycle order, with 全部 first. */
function StatusFilter({
  counts,
  value,
  onChange,
}: {
  counts: ProjectPage['statusCounts'] | undefined;
  value: ProjectSummary['status'] | undefined;
  onChange: (status: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  const total = Object.values(counts ?? {}).reduce((sum, n) => sum + n, 0);
  return (
    <fieldset className="sg-fieldset sg-project-status-filter">
      <legend className="sg-visually-hidden">{t('projects.list.statusFilter')}</legend>
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        size="middle"
        value={value ?? ALL}
        onChange={(e) => onChange(e.target.value === ALL ? undefined : (e.target.value as string))}
        data-testid="project-status-filter"
        options={[
          { value: ALL, label: t('projects.list.allCount', { n: total }) },
          ...PROJECT_STATUSES.map((s) => ({
            value: s,
            label: t('projects.list.statusCount', { status: vocabulary.status(s), n: counts?.[s] ?? 0 }),
          })),
        ]}
      />
    </fieldset>
  );
}

/** Phone layout: one card per project instead of a wide table. */
function ProjectCards({ items, linkState }: { items: ProjectSummary[]; linkState: ProjectLinkState }) {
  const { t } = useTranslation();
  const periodText = usePeriodText();
  if (items.length === 0) return <Empty description={t('projects.list.empty')} />;
  return (
    <ul className="sg-plain-list sg-project-cards" data-testid="project-cards">
      {items.map((p) => (
        <li key={p.id} className="sg-project-card">
          <div className="sg-project-card-head">
            <Link to={projectPath(p.id)} state={linkState} className="sg-project-card-title">
              {p.title}
            </Link>
            <ProjectStatusTag status={p.status} />
          </div>
          <div className="sg-muted sg-mono">{p.code}</div>
          <div>{p.purchaserName}</div>
          <div>
            <ProjectAmount project={p} />
          </div>
          <div className="sg-muted">{periodText(p.periodFrom, p.periodTo)}</div>
          {p.agencyName ? (
            <div>
              {t('projects.fields.agency')}：{p.agencyName}
            </div>
          ) : null}
          {p.finalGrade ? (
            <div>
              {t('projects.fields.finalGrade')}：<GradeTag grade={p.finalGrade} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** /console/projects — the projects in the caller's scope, by status, with search. */
export default function ProjectsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const periodText = usePeriodText();
  const { filters, page, pageSize, setFilters, resetFilters, setPage, search } = useListParams(FILTER_KEYS);
  const [q, setQ] = useState(filters.q ?? '');
  const canCreate = hasAnyRole(me, PURCHASING_ROLES);
  const years = useMemo(() => yearOptions(), []);

  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  const year = Number(filters.year);
  const params: ProjectListParams = {
    q: filters.q,
    status: oneOf(PROJECT_STATUSES, filters.status),
    divisionCode: filters.divisionCode && DIVISION_CODE.test(filters.divisionCode) ? filters.divisionCode : undefined,
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: queryKeys.projectList(params),
    queryFn: ({ signal }) => listProjects(params, { signal }),
    placeholderData: keepPreviousData,
  });

  const linkState: ProjectLinkState = { back: search ? `${PROJECTS_PATH}?${search}` : PROJECTS_PATH };
  const newPath = `${PROJECTS_PATH}/new`;

  return (
    <>
      <PageHeader
        title={t('projects.title')}
        description={t('projects.list.description')}
        extra={
          <Space wrap>
            <Button icon={<GlobalOutlined />} href={PUBLIC_PROJECTS_PATH} target="_blank" rel="noopener">
              {t('projects.list.publicLink')}
            </Button>
            {canCreate ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                href={newPath}
                data-testid="project-new"
                onClick={(e) => {
                  e.preventDefault();
                  void navigate(newPath);
                }}
              >
                {t('projects.list.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <StatusFilter
          counts={list.data?.statusCounts}
          value={params.status}
          onChange={(status) => setFilters({ status })}
        />
        <search className="sg-toolbar" aria-label={t('common.filters')}>
          <Input.Search
            className="sg-toolbar-search"
            allowClear
            aria-label={t('projects.list.search')}
            placeholder={t('projects.list.searchPlaceholder')}
            value={q}
            maxLength={64}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(value) => setFilters({ q: value.trim() })}
          />
          <DivisionTreeSelect
            className="sg-toolbar-select"
            allowClear
            aria-label={t('projects.list.division')}
            placeholder={t('projects.list.divisionPlaceholder')}
            value={params.divisionCode}
            onChange={(divisionCode) => setFilters({ divisionCode })}
          />
          <Select<number>
            className="sg-toolbar-select"
            allowClear
            aria-label={t('projects.list.year')}
            placeholder={t('projects.list.yearPlaceholder')}
            value={params.year}
            options={years.map((y) => ({ value: y, label: t('projects.list.yearOption', { year: y }) }))}
            onChange={(y) => setFilters({ year: y ? String(y) : undefined })}
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
        <div className="sg-export-bar">
          <DownloadButtons
            size="small"
            label={t('projects.list.export')}
            testId="project-export"
            download={(format) => {
              const { page: _page, pageSize: _pageSize, ...exportFilters } = params;
              return exportProjects(format, exportFilters);
            }}
          />
          <Typography.Text type="secondary">{t('projects.list.exportNote')}</Typography.Text>
        </div>
        {list.isError && !list.data ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : isMobile ? (
          <div aria-busy={list.isFetching}>
            <ProjectCards items={list.data?.items ?? []} linkState={linkState} />
            {(list.data?.total ?? 0) > 0 ? (
              <Pagination
                className="sg-project-pagination"
                current={page}
                pageSize={pageSize}
                total={list.data?.total ?? 0}
                pageSizeOptions={PAGE_SIZE_OPTIONS}
                showTotal={(n) => t('common.total', { total: n })}
                simple
                onChange={(p, size) => setPage(p, size)}
              />
            ) : null}
          </div>
        ) : (
          <Table<ProjectSummary>
            data-testid="project-table"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            scroll={{ x: 'max-content' }}
            pagination={paginationConfig(t, page, pageSize, list.data?.total)}
            onChange={(p) => setPage(p.current ?? 1, p.pageSize ?? pageSize)}
            locale={{ emptyText: <TableEmpty text={t('projects.list.empty')} /> }}
            columns={[
              {
                title: t('projects.fields.code'),
                key: 'code',
                dataIndex: 'code',
                className: 'sg-nowrap',
                render: (code: string) => <span className="sg-mono">{code}</span>,
              },
              {
                title: t('projects.fields.title'),
                key: 'title',
                dataIndex: 'title',
                render: (title: string, p) => (
                  <Link to={projectPath(p.id)} state={linkState} className="sg-cell-wrap sg-project-title-cell">
                    {title}
                  </Link>
                ),
              },
              {
                title: t('projects.fields.purchaser'),
                key: 'purchaser',
                dataIndex: 'purchaserName',
                render: (name: string) => <span className="sg-cell-wrap">{name}</span>,
              },
              {
                title: t('projects.fields.status'),
                key: 'status',
                dataIndex: 'status',
                render: (_: unknown, p) => <ProjectStatusTag status={p.status} />,
              },
              {
                title: t('projects.fields.amount'),
                key: 'amount',
                align: 'right',
                render: (_: unknown, p) => <ProjectAmount project={p} compact />,
              },
              {
                title: t('projects.fields.period'),
                key: 'period',
                className: 'sg-nowrap',
                render: (_: unknown, p) => periodText(p.periodFrom, p.periodTo),
              },
              {
                title: t('projects.fields.agency'),
                key: 'agency',
                dataIndex: 'agencyName',
                render: (name: string | null) => <span className="sg-cell-wrap">{name ?? t('common.empty')}</span>,
              },
              {
                title: t('projects.fields.finalGrade'),
                key: 'grade',
                render: (_: unknown, p) =>
                  p.finalGrade ? (
                    <GradeTag grade={p.finalGrade} />
                  ) : (
                    <Typography.Text>{t('common.empty')}</Typography.Text>
                  ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
