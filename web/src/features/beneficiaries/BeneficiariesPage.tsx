import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, type InputRef, Select, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { RISK_LEVELS } from '../../../../contracts/api/services';
import { type Beneficiary, type BeneficiaryListParams, listBeneficiaries, queryKeys } from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { PageHeader } from '../../components/PageHeader';
import { paginationConfig } from '../../components/tableDefaults';
import { useListParams } from '../../components/useListParams';
import { DivisionTreeSelect } from '../registry/DivisionTreeSelect';
import { useTerms } from '../registry/useTerms';
import { oneOf } from '../workers/workerBits';
import { BureauBeneficiaries } from './BureauBeneficiaries';
import { type BeneficiaryLinkState, isBeneficiaryBrowser } from './beneficiaryBits';
import { RegisterBeneficiaryModal } from './RegisterBeneficiaryModal';
import { RiskTag } from './RiskTag';

const BASE_PATH = navItem('beneficiaries').path;
const FILTER_KEYS = ['q', 'divisionCode', 'category', 'riskLevel'] as const;
const TERM_CODE = /^[a-z][a-z0-9_]{1,39}$/;
const DIVISION_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;

const tagSearchInput = (search: InputRef | null) => search?.input?.setAttribute('data-testid', 'beneficiary-search');

/**
 * 服务对象 for agency and community staff: the people their agency serves or who live in their community, found by
 * name and filters. Identifiers are masked; the full values are revealed one at a time, for a reason, on the detail.
 */
function BeneficiaryList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { filters, page, pageSize, setFilters, resetFilters, setPage, search } = useListParams(FILTER_KEYS);
  const [q, setQ] = useState(filters.q ?? '');
  const [registerOpen, setRegisterOpen] = useState(false);
  const categories = useTerms('beneficiary_category');
  const linkState: BeneficiaryLinkState = { back: search ? `${BASE_PATH}?${search}` : BASE_PATH };

  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  const params: BeneficiaryListParams = {
    q: filters.q,
    divisionCode: filters.divisionCode && DIVISION_CODE.test(filters.divisionCode) ? filters.divisionCode : undefined,
    category: filters.category && TERM_CODE.test(filters.category) ? filters.category : undefined,
    riskLevel: oneOf(RISK_LEVELS, filters.riskLevel),
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: queryKeys.beneficiaryList(params),
    queryFn: ({ signal }) => listBeneficiaries(params, { signal }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('beneficiaries.title')}
        description={t('beneficiaries.description')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setRegisterOpen(true)}
            data-testid="beneficiary-register"
          >
            {t('beneficiaries.register')}
          </Button>
        }
      />
      <Card>
        <search className="sg-toolbar" aria-label={t('common.filters')}>
          <Input.Search
            className="sg-toolbar-search"
            allowClear
            ref={tagSearchInput}
            aria-label={t('beneficiaries.search')}
            placeholder={t('beneficiaries.searchPlaceholder')}
            value={q}
            maxLength={50}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(value) => setFilters({ q: value.trim() })}
          />
          <DivisionTreeSelect
            className="sg-toolbar-select"
            allowClear
            aria-label={t('beneficiaries.division')}
            placeholder={t('beneficiaries.divisionPlaceholder')}
            value={params.divisionCode}
            onChange={(divisionCode) => setFilters({ divisionCode })}
          />
          <Select
            className="sg-toolbar-select"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('beneficiaries.categories')}
            placeholder={t('beneficiaries.categoryPlaceholder')}
            value={params.category}
            loading={categories.loading}
            options={categories.options}
            onChange={(category?: string) => setFilters({ category })}
          />
          <Select
            className="sg-toolbar-select"
            allowClear
            aria-label={t('beneficiaries.riskLevel')}
            placeholder={t('beneficiaries.riskPlaceholder')}
            value={params.riskLevel}
            options={RISK_LEVELS.map((v) => ({ value: v, label: t(`beneficiaries.risk.${v}`) }))}
            onChange={(riskLevel?: string) => setFilters({ riskLevel })}
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
          <Table<Beneficiary>
            data-testid="beneficiary-table"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            scroll={{ x: 'max-content' }}
            pagination={paginationConfig(t, page, pageSize, list.data?.total)}
            onChange={(p) => setPage(p.current ?? 1, p.pageSize ?? pageSize)}
            locale={{
              // Secondary text rather than antd's pale placeholder colour, which is below WCAG AA contrast.
              emptyText: (
                <Typography.Text type="secondary">
                  {filters.q ? t('beneficiaries.noMatch') : t('beneficiaries.empty')}
                </Typography.Text>
              ),
            }}
            columns={[
              {
                title: t('beneficiaries.name'),
                key: 'name',
                dataIndex: 'name',
                className: 'sg-nowrap',
                render: (name: string, b) => (
                  <Link to={`${BASE_PATH}/${b.id}`} state={linkState}>
                    {name}
                  </Link>
                ),
              },
              {
                title: t('beneficiaries.idNumber'),
                key: 'idNumber',
                dataIndex: 'idNumberMasked',
                className: 'sg-nowrap sg-mono',
              },
              { title: t('beneficiaries.community'), key: 'community', dataIndex: 'divisionName' },
              {
                title: t('beneficiaries.categories'),
                key: 'categories',
                dataIndex: 'categories',
                render: (codes: string[]) =>
                  codes.length > 0 ? (
                    <span className="sg-tags">
                      {codes.map((code) => (
                        <Tag key={code}>{categories.name(code)}</Tag>
                      ))}
                    </span>
                  ) : (
                    t('common.empty')
                  ),
              },
              {
                title: t('beneficiaries.riskLevel'),
                key: 'riskLevel',
                dataIndex: 'riskLevel',
                className: 'sg-nowrap',
                render: (risk: Beneficiary['riskLevel']) => <RiskTag risk={risk} />,
              },
              {
                title: t('beneficiaries.agency'),
                key: 'agency',
                dataIndex: 'agencyName',
                render: (name: string | null) => name ?? t('common.empty'),
              },
            ]}
          />
        )}
      </Card>
      <RegisterBeneficiaryModal
        open={registerOpen}
        onClose={() => setRegisterOpen(false)}
        onCreated={(created) => {
          setRegisterOpen(false);
          void navigate(`${BASE_PATH}/${created.id}`, { state: linkState });
        }}
      />
    </>
  );
}

/** /console/beneficiaries: the list for those who serve people, the statistics and lookup for the bureau. */
export default function BeneficiariesPage() {
  const me = useMe();
  return isBeneficiaryBrowser(me) ? <BeneficiaryList /> : <BureauBeneficiaries />;
}
