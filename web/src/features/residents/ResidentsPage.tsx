import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, type InputRef, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { exportResidents, listResidents, queryKeys, type Resident, type ResidentListParams } from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { useMe } from '../../app/session';
import { DownloadButtons } from '../../components/DownloadButtons';
import { QueryErrorResult } from '../../components/ErrorResults';
import { PageHeader } from '../../components/PageHeader';
import { paginationConfig } from '../../components/tableDefaults';
import { useListParams } from '../../components/useListParams';
import { importPath, mayImport } from '../imports/importKinds';
import { DivisionTreeSelect } from '../registry/DivisionTreeSelect';
import { useTerms } from '../registry/useTerms';
import { oneOf } from '../workers/workerBits';
import { RegisterResidentModal } from './RegisterResidentModal';
import type { ResidentLinkState } from './residentBits';

const BASE_PATH = navItem('residents').path;
const IMPORT_PATH = importPath('volunteers');
/** Who may take the masked register as a spreadsheet (the server's export policy). */
const EXPORT_ROLES = ['bureau_admin', 'purchaser', 'community_staff'] as const;
const FILTER_KEYS = ['q', 'divisionCode', 'skill', 'volunteer', 'consent'] as const;
const BOOLS = ['true', 'false'] as const;
const TERM_CODE = /^[a-z][a-z0-9_]{1,39}$/;
const DIVISION_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;

const tagSearchInput = (search: InputRef | null) => search?.input?.setAttribute('data-testid', 'resident-search');

/** 居民与志愿者: residents (with their skills) and registered volunteers of the caller's communities. */
export default function ResidentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { filters, page, pageSize, setFilters, resetFilters, setPage, search } = useListParams(FILTER_KEYS);
  const [q, setQ] = useState(filters.q ?? '');
  const [registerOpen, setRegisterOpen] = useState(false);
  const skills = useTerms('skill');
  const navigate = useNavigate();
  const canRegister = me.roles.includes('bureau_admin') || me.roles.includes('community_staff');
  const canImport = mayImport(me, 'volunteers');
  const canExport = EXPORT_ROLES.some((r) => me.roles.includes(r));
  const linkState: ResidentLinkState = { back: search ? `${BASE_PATH}?${search}` : BASE_PATH };

  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  const params: ResidentListParams = {
    q: filters.q,
    divisionCode: filters.divisionCode && DIVISION_CODE.test(filters.divisionCode) ? filters.divisionCode : undefined,
    skill: filters.skill && TERM_CODE.test(filters.skill) ? filters.skill : undefined,
    volunteer: oneOf(BOOLS, filters.volunteer),
    consent: oneOf(BOOLS, filters.consent),
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: queryKeys.residentList(params),
    queryFn: ({ signal }) => listResidents(params, { signal }),
    placeholderData: keepPreviousData,
  });

  const yesNo = (key: 'volunteer' | 'consent') =>
    BOOLS.map((v) => ({ value: v, label: t(`residents.filterValues.${key}.${v}`) }));

  return (
    <>
      <PageHeader
        title={t('residents.title')}
        description={t('residents.description')}
        extra={
          <Space wrap>
            {canImport ? (
              <Button
                icon={<ImportOutlined />}
                data-testid="volunteer-import"
                href={IMPORT_PATH}
                onClick={(e) => {
                  e.preventDefault();
                  void navigate(IMPORT_PATH);
                }}
              >
                {t('imports.links.volunteers')}
              </Button>
            ) : null}
            {canRegister ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setRegisterOpen(true)}
                data-testid="resident-register"
              >
                {t('residents.register')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <search className="sg-toolbar" aria-label={t('common.filters')}>
          <Input.Search
            className="sg-toolbar-search"
            allowClear
            ref={tagSearchInput}
            aria-label={t('residents.search')}
            placeholder={t('residents.searchPlaceholder')}
            value={q}
            maxLength={50}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(value) => setFilters({ q: value.trim() })}
          />
          <DivisionTreeSelect
            className="sg-toolbar-select"
            allowClear
            aria-label={t('residents.community')}
            placeholder={t('residents.divisionPlaceholder')}
            value={params.divisionCode}
            onChange={(divisionCode) => setFilters({ divisionCode })}
          />
          <Select
            className="sg-toolbar-select"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('residents.skills')}
            placeholder={t('residents.skillPlaceholder')}
            value={params.skill}
            loading={skills.loading}
            options={skills.options}
            onChange={(skill?: string) => setFilters({ skill })}
          />
          <Select
            className="sg-toolbar-select"
            allowClear
            aria-label={t('residents.volunteer')}
            placeholder={t('residents.volunteerPlaceholder')}
            value={params.volunteer}
            options={yesNo('volunteer')}
            onChange={(volunteer?: string) => setFilters({ volunteer })}
          />
          <Select
            className="sg-toolbar-select"
            allowClear
            aria-label={t('residents.consent')}
            placeholder={t('residents.consentPlaceholder')}
            value={params.consent}
            options={yesNo('consent')}
            onChange={(consent?: string) => setFilters({ consent })}
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
              label={params.volunteer === 'true' ? t('exports.volunteers') : t('exports.residents')}
              testId="resident-export"
              download={(format) => {
                const { page: _page, pageSize: _pageSize, ...exportFilters } = params;
                return exportResidents(format, exportFilters);
              }}
            />
            <Typography.Text type="secondary">{t('exports.residentsNote')}</Typography.Text>
          </div>
        ) : null}
        {list.isError && !list.data ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Resident>
            data-testid="resident-table"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            scroll={{ x: 'max-content' }}
            pagination={paginationConfig(t, page, pageSize, list.data?.total)}
            onChange={(p) => setPage(p.current ?? 1, p.pageSize ?? pageSize)}
            locale={{ emptyText: t('residents.empty') }}
            columns={[
              {
                title: t('residents.name'),
                key: 'name',
                dataIndex: 'name',
                className: 'sg-nowrap',
                render: (name: string, r) => (
                  <Link to={`${BASE_PATH}/${r.id}`} state={linkState}>
                    {name}
                  </Link>
                ),
              },
              {
                title: t('residents.idNumber'),
                key: 'idNumber',
                dataIndex: 'idNumberMasked',
                className: 'sg-nowrap',
              },
              {
                title: t('residents.mobile'),
                key: 'mobile',
                dataIndex: 'mobileMasked',
                className: 'sg-nowrap',
                render: (mobile: string | null) => mobile ?? t('common.empty'),
              },
              { title: t('residents.community'), key: 'community', dataIndex: 'divisionName' },
              {
                title: t('residents.volunteerNo'),
                key: 'volunteerNo',
                className: 'sg-nowrap',
                render: (_: unknown, r) =>
                  r.isVolunteer ? (
                    (r.volunteerNo ?? <Tag color="processing">{t('residents.isVolunteer')}</Tag>)
                  ) : (
                    <Typography.Text type="secondary">{t('residents.notVolunteer')}</Typography.Text>
                  ),
              },
              {
                title: t('residents.skills'),
                key: 'skills',
                dataIndex: 'skills',
                render: (codes: string[]) =>
                  codes.length > 0 ? (
                    <span className="sg-tags">
                      {codes.map((code) => (
                        <Tag key={code}>{skills.name(code)}</Tag>
                      ))}
                    </span>
                  ) : (
                    t('common.empty')
                  ),
              },
              {
                title: t('residents.consent'),
                key: 'consent',
                dataIndex: 'contactConsent',
                className: 'sg-nowrap',
                render: (consent: boolean) =>
                  consent ? (
                    <Tag color="success">{t('residents.consentYes')}</Tag>
                  ) : (
                    <Tag>{t('residents.consentNo')}</Tag>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {canRegister ? (
        <RegisterResidentModal
          open={registerOpen}
          onClose={() => setRegisterOpen(false)}
          onCreated={() => setRegisterOpen(false)}
        />
      ) : null}
    </>
  );
}
