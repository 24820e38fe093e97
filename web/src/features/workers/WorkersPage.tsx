import { ImportOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, type InputRef, Select, Space, Table, Typography } from 'antd';
import type { SortOrder as AntSortOrder, SorterResult } from 'antd/es/table/interface';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  exportCeRecords,
  exportWorkers,
  listWorkers,
  queryKeys,
  type SortOrder,
  type WorkerListParams,
  type WorkerSort,
  type WorkerSummary,
} from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { hasAnyRole, useMe } from '../../app/session';
import { DownloadButtons } from '../../components/DownloadButtons';
import { QueryErrorResult } from '../../components/ErrorResults';
import { PageHeader } from '../../components/PageHeader';
import { isUuid, paginationConfig } from '../../components/tableDefaults';
import { useListParams } from '../../components/useListParams';
import { importPath, mayImport } from '../imports/importKinds';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { DivisionTreeSelect } from '../registry/DivisionTreeSelect';
import { useTerms } from '../registry/useTerms';
import { DistributionPanel } from './DistributionPanel';
import { HireWorkerModal } from './HireWorkerModal';
import { RegisterWorkerModal } from './RegisterWorkerModal';
import {
  AVAILABILITIES,
  AvailabilityTag,
  CeHours,
  COMPLIANCE_FILTERS,
  LEVELS,
  LevelText,
  oneOf,
  REGISTRATION_STATES,
  RegistrationEnd,
} from './workerBits';

const FILTER_KEYS = [
  'q',
  'level',
  'specialty',
  'language',
  'agencyId',
  'divisionCode',
  'compliance',
  'registration',
  'availability',
  'sort',
  'order',
] as const;
const SORTS: readonly WorkerSort[] = ['name', 'level', 'periodTo', 'ceHours', 'updatedAt'];
const ORDERS: readonly SortOrder[] = ['asc', 'desc'];
const BASE_PATH = navItem('workers').path;
const IMPORT_PATH = importPath('workers');
const CE_IMPORT_PATH = importPath('ce_records');
const EXPORT_ROLES = ['bureau_admin', 'purchaser', 'agency_manager'] as const;
const TERM_CODE = /^[a-z][a-z0-9_]{1,39}$/;
const DIVISION_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;

/** Where the detail page's "back" button returns to: this list with its filters. */
export interface WorkerLinkState {
  back?: string;
}

/** Input.Search puts data-* attributes on its wrapper; tests type into the input itself. */
const tagSearchInput = (search: InputRef | null) => search?.input?.setAttribute('data-testid', 'worker-search');

export default function WorkersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { filters, page, pageSize, setFilters, resetFilters, setPage, search } = useListParams(FILTER_KEYS);
  const [q, setQ] = useState(filters.q ?? '');
  const [registerOpen, setRegisterOpen] = useState(false);
  const [hireOpen, setHireOpen] = useState(false);
  const specialties = useTerms('specialty');
  const languages = useTerms('language');
  const canRegister = me.roles.includes('bureau_admin') || me.roles.includes('agency_manager');
  // 聘用已登记社工: an agency takes on someone who changed jobs (the bureau may name the agency too).
  const canHire = canRegister;
  const canFilterAgency = me.roles.includes('bureau_admin') || me.roles.includes('purchaser');
  const canImport = mayImport(me, 'workers');
  const canImportCe = mayImport(me, 'ce_records');
  const canExport = hasAnyRole(me, EXPORT_ROLES);

  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  const params: WorkerListParams = {
    q: filters.q,
    level: oneOf(LEVELS, filters.level),
    specialty: filters.specialty && TERM_CODE.test(filters.specialty) ? filters.specialty : undefined,
    language: filters.language && TERM_CODE.test(filters.language) ? filters.language : undefined,
    agencyId: canFilterAgency && isUuid(filters.agencyId) ? filters.agencyId : undefined,
    divisionCode: filters.divisionCode && DIVISION_CODE.test(filters.divisionCode) ? filters.divisionCode : undefined,
    compliance: oneOf(COMPLIANCE_FILTERS, filters.compliance),
    registration: oneOf(REGISTRATION_STATES, filters.registration),
    availability: oneOf(AVAILABILITIES, filters.availability),
    sort: oneOf(SORTS, filters.sort),
    order: oneOf(ORDERS, filters.order),
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: queryKeys.workerList(params),
    queryFn: ({ signal }) => listWorkers(params, { signal }),
    placeholderData: keepPreviousData,
  });

  const linkState: WorkerLinkState = { back: search ? `${BASE_PATH}?${search}` : BASE_PATH };
  const sortKey = params.sort ?? 'name';
  const sortOrderOf = (key: WorkerSort): AntSortOrder =>
    sortKey === key ? (params.order === 'desc' ? 'descend' : 'ascend') : null;

  const onSort = (sorter: SorterResult<WorkerSummary> | SorterResult<WorkerSummary>[]) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = oneOf(SORTS, typeof single?.columnKey === 'string' ? single.columnKey : undefined);
    if (!single?.order || !key) {
      setFilters({ sort: null, order: null });
      return;
    }
    setFilters({
      sort: key === 'name' ? null : key,
      order: single.order === 'descend' ? 'desc' : null,
    });
  };

  return (
    <>
      <PageHeader
        title={t('workers.title')}
        extra={
          canRegister || canImport || canImportCe ? (
            <Space wrap>
              {canImport ? (
                <Button
                  icon={<ImportOutlined />}
                  data-testid="worker-import"
                  href={IMPORT_PATH}
                  onClick={(e) => {
                    e.preventDefault();
                    void navigate(IMPORT_PATH);
                  }}
                >
                  {t('workers.import')}
                </Button>
              ) : null}
              {canImportCe ? (
                <Button
                  icon={<ImportOutlined />}
                  data-testid="ce-import"
                  href={CE_IMPORT_PATH}
                  onClick={(e) => {
                    e.preventDefault();
                    void navigate(CE_IMPORT_PATH);
                  }}
                >
                  {t('imports.links.ceRecords')}
                </Button>
              ) : null}
              {canHire ? (
                <Button icon={<UserAddOutlined />} onClick={() => setHireOpen(true)}>
                  {t('employment.hire.button')}
                </Button>
              ) : null}
              {canRegister ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegisterOpen(true)}>
                  {t('workers.register')}
                </Button>
              ) : null}
            </Space>
          ) : null
        }
      />
      <DistributionPanel
        onSelectDivision={(divisionCode) => setFilters({ divisionCode })}
        onSelectLevel={(level) => setFilters({ level })}
      />
      <Card>
        <search className="sg-toolbar" aria-label={t('common.filters')}>
          <Input.Search
            className="sg-toolbar-search"
            allowClear
            ref={tagSearchInput}
            aria-label={t('workers.search')}
            placeholder={t('workers.searchPlaceholder')}
            value={q}
            maxLength={64}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(value) => setFilters({ q: value.trim() })}
          />
          <Select
            className="sg-toolbar-select"
            allowClear
            aria-label={t('workers.level')}
            placeholder={t('workers.levelPlaceholder')}
            value={params.level}
            options={LEVELS.map((l) => ({ value: l, label: t(`credentialLevels.${l}`) }))}
            onChange={(level) => setFilters({ level })}
          />
          <Select
            className="sg-toolbar-select"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('workers.specialty')}
            placeholder={t('workers.specialtyPlaceholder')}
            value={params.specialty}
            loading={specialties.loading}
            options={specialties.options}
            onChange={(specialty?: string) => setFilters({ specialty })}
          />
          <Select
            className="sg-toolbar-select"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('workers.language')}
            placeholder={t('workers.languagePlaceholder')}
            value={params.language}
            loading={languages.loading}
            options={languages.options}
            onChange={(language?: string) => setFilters({ language })}
          />
          {canFilterAgency ? (
            <OrganizationSelect
              className="sg-toolbar-select"
              kind="agency"
              allowClear
              aria-label={t('workers.agency')}
              placeholder={t('workers.agencyPlaceholder')}
              value={params.agencyId}
              onChange={(agencyId) => setFilters({ agencyId })}
            />
          ) : null}
          <DivisionTreeSelect
            className="sg-toolbar-select"
            allowClear
            aria-label={t('workers.division')}
            placeholder={t('workers.divisionPlaceholder')}
            value={params.divisionCode}
            onChange={(divisionCode) => setFilters({ divisionCode })}
          />
          <Select
            className="sg-toolbar-select"
            allowClear
            aria-label={t('workers.compliance')}
            placeholder={t('workers.compliancePlaceholder')}
            value={params.compliance}
            options={COMPLIANCE_FILTERS.map((c) => ({ value: c, label: t(`complianceFilter.${c}`) }))}
            onChange={(compliance) => setFilters({ compliance })}
          />
          <Select
            className="sg-toolbar-select"
            allowClear
            aria-label={t('workers.registration')}
            placeholder={t('workers.registrationPlaceholder')}
            value={params.registration}
            options={REGISTRATION_STATES.map((s) => ({ value: s, label: t(`registrationStates.${s}`) }))}
            onChange={(registration) => setFilters({ registration })}
          />
          <Select
            className="sg-toolbar-select"
            allowClear
            aria-label={t('workers.availability')}
            placeholder={t('workers.availabilityPlaceholder')}
            value={params.availability}
            options={AVAILABILITIES.map((a) => ({ value: a, label: t(`availability.${a}`) }))}
            onChange={(availability) => setFilters({ availability })}
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
              label={t('workers.export')}
              testId="worker-export"
              download={(format) => {
                const { page: _page, pageSize: _pageSize, ...exportFilters } = params;
                return exportWorkers(format, exportFilters);
              }}
            />
            <Typography.Text type="secondary">{t('workers.exportMasked')}</Typography.Text>
          </div>
        ) : null}
        {canExport ? (
          <div className="sg-export-bar">
            <DownloadButtons
              size="small"
              label={t('exports.ceRecords')}
              testId="ce-export"
              download={(format) => exportCeRecords(format)}
            />
            <Typography.Text type="secondary">{t('exports.ceRecordsNote')}</Typography.Text>
          </div>
        ) : null}
        {list.isError && !list.data ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<WorkerSummary>
            data-testid="worker-table"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            scroll={{ x: 'max-content' }}
            pagination={paginationConfig(t, page, pageSize, list.data?.total)}
            sortDirections={['ascend', 'descend']}
            showSorterTooltip={false}
            onChange={(p, _filters, sorter, extra) => {
              if (extra.action === 'sort') onSort(sorter);
              else setPage(p.current ?? 1, p.pageSize ?? pageSize);
            }}
            locale={{ emptyText: t('workers.empty') }}
            columns={[
              {
                title: t('workers.name'),
                key: 'name',
                dataIndex: 'name',
                sorter: true,
                sortOrder: sortOrderOf('name'),
                render: (name: string, w) => (
                  <div className="sg-worker-cell">
                    <Link to={`${BASE_PATH}/${w.id}`} state={linkState}>
                      {name}
                    </Link>
                    {w.specialties.length > 0 ? (
                      <Typography.Text type="secondary" className="sg-option-secondary">
                        {w.specialties.map(specialties.name).join(t('common.listSeparator'))}
                      </Typography.Text>
                    ) : null}
                  </div>
                ),
              },
              {
                title: t('workers.level'),
                key: 'level',
                dataIndex: 'credentialLevel',
                sorter: true,
                sortOrder: sortOrderOf('level'),
                className: 'sg-nowrap',
                render: (_: unknown, w) => <LevelText level={w.credentialLevel} />,
              },
              {
                title: t('workers.agency'),
                key: 'agency',
                dataIndex: 'agencyName',
                render: (name: string | null) => <span className="sg-cell-wrap">{name ?? t('common.empty')}</span>,
              },
              {
                title: t('workers.division'),
                key: 'division',
                dataIndex: 'divisionName',
                render: (name: string | null) => name ?? t('common.empty'),
              },
              {
                title: t('workers.availability'),
                key: 'availability',
                dataIndex: 'availability',
                render: (_: unknown, w) => <AvailabilityTag availability={w.availability} />,
              },
              {
                title: t('workers.ceHours'),
                key: 'ceHours',
                sorter: true,
                sortOrder: sortOrderOf('ceHours'),
                render: (_: unknown, w) => <CeHours compliance={w.compliance} />,
              },
              {
                title: t('workers.periodTo'),
                key: 'periodTo',
                sorter: true,
                sortOrder: sortOrderOf('periodTo'),
                render: (_: unknown, w) => <RegistrationEnd compliance={w.compliance} />,
              },
            ]}
          />
        )}
      </Card>

      {canHire ? (
        <HireWorkerModal
          open={hireOpen}
          onClose={() => setHireOpen(false)}
          onHired={(w) => {
            setHireOpen(false);
            void navigate(`${BASE_PATH}/${w.id}`, { state: linkState });
          }}
          onRegisterInstead={
            canRegister
              ? () => {
                  setHireOpen(false);
                  setRegisterOpen(true);
                }
              : undefined
          }
        />
      ) : null}
      {canRegister ? (
        <RegisterWorkerModal
          open={registerOpen}
          onClose={() => setRegisterOpen(false)}
          onCreated={(w) => {
            setRegisterOpen(false);
            void navigate(`${BASE_PATH}/${w.id}`, { state: linkState });
          }}
        />
      ) : null}
    </>
  );
}
