import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Input, Pagination, Spin, Tag } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listPublicProjects, type PublicProject, type PublicProjectListParams, queryKeys } from '../../api/endpoints';
import { LOGIN_PATH, PUBLIC_PROJECTS_PATH } from '../../app/navigation';
import { QueryErrorResult } from '../../components/ErrorResults';
import { formatFen } from '../../components/format';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PAGE_SIZE_OPTIONS, useListParams } from '../../components/useListParams';
import { usePageTitle } from '../../components/usePageTitle';
import { GradeTag, ProjectStatusTag, usePeriodText, useProjectVocabulary } from './projectBits';
import './projects.css';

const FILTER_KEYS = ['q'] as const;
const MAIN_ID = 'public-main';

function PublicProjectCard({ project }: { project: PublicProject }) {
  const { t } = useTranslation();
  const vocabulary = useProjectVocabulary();
  const periodText = usePeriodText();
  const headingId = `public-project-${project.code}`;
  const row = (label: string, value: ReactNode) => (
    <div className="sg-public-field">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <article className="sg-public-card" aria-labelledby={headingId} data-testid="public-project">
      <header className="sg-public-card-head">
        <h2 id={headingId}>{project.title}</h2>
        <ProjectStatusTag status={project.status} />
      </header>
      <dl className="sg-public-fields">
        {row(t('projects.fields.code'), <span className="sg-mono">{project.code}</span>)}
        {row(t('projects.fields.purchaser'), project.purchaserName)}
        {row(t('projects.fields.agency'), project.agencyName ?? t('publicProjects.notYetContracted'))}
        {row(
          project.amountIsContract ? t('projects.fields.contractAmount') : t('projects.fields.budget'),
          <span className="sg-project-money">{formatFen(project.amountFen)}</span>,
        )}
        {row(t('projects.fields.period'), periodText(project.periodFrom, project.periodTo))}
        {row(t('projects.fields.procurementMethod'), vocabulary.procurement(project.procurementMethod))}
        {row(
          t('publicProjects.serviceAreas'),
          project.serviceDivisionNames.length > 0
            ? project.serviceDivisionNames.join(t('common.listSeparator'))
            : t('common.empty'),
        )}
        {row(
          t('projects.fields.targetGroups'),
          project.targetGroups.length > 0 ? (
            <span className="sg-tags">
              {project.targetGroups.map((c) => (
                <Tag key={c}>{vocabulary.specialty(c)}</Tag>
              ))}
            </span>
          ) : (
            t('common.empty')
          ),
        )}
        {row(t('projects.fields.finalGrade'), <GradeTag grade={project.finalGrade} />)}
      </dl>
      {project.serviceContent ? (
        <div className="sg-public-content">
          <h3>{t('projects.fields.serviceContent')}</h3>
          <p className="sg-pre-line">{project.serviceContent}</p>
        </div>
      ) : null}
    </article>
  );
}

/** /public/projects — 政府购买服务信息公开: approved projects and their contracts, for anyone, without signing in. */
export default function PublicProjectsPage() {
  const { t } = useTranslation();
  usePageTitle(t('publicProjects.title'));
  const { filters, page, pageSize, setFilters, setPage } = useListParams(FILTER_KEYS);
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  const params: PublicProjectListParams = { q: filters.q, page, pageSize };
  const list = useQuery({
    queryKey: queryKeys.publicProjects(params),
    queryFn: ({ signal }) => listPublicProjects(params, { signal }),
    placeholderData: keepPreviousData,
  });

  return (
    <div className="sg-public">
      <a
        className="sg-skip-link"
        href={`#${MAIN_ID}`}
        onClick={(e) => {
          e.preventDefault();
          document.getElementById(MAIN_ID)?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="sg-public-header">
        <Link to={PUBLIC_PROJECTS_PATH} className="sg-public-brand">
          <span className="sg-brand-name">{t('app.name')}</span>
          <span className="sg-public-brand-sub">{t('publicProjects.brand')}</span>
        </Link>
        <div className="sg-public-header-end">
          <LanguageSwitch />
          <Link to={LOGIN_PATH}>{t('publicProjects.signIn')}</Link>
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="sg-public-main">
        <h1 className="sg-public-title">{t('publicProjects.title')}</h1>
        <p className="sg-public-intro">{t('publicProjects.intro')}</p>
        <search className="sg-public-search" aria-label={t('publicProjects.searchLabel')}>
          <Input.Search
            size="large"
            allowClear
            enterButton={t('common.search')}
            aria-label={t('publicProjects.searchLabel')}
            placeholder={t('publicProjects.searchPlaceholder')}
            value={q}
            maxLength={64}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(value) => setFilters({ q: value.trim() })}
          />
        </search>
        {list.isError && !list.data ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : list.isPending ? (
          <Spin />
        ) : (
          <>
            <p className="sg-public-count" role="status" aria-live="polite">
              {filters.q
                ? t('publicProjects.countFor', { n: list.data.total, q: filters.q })
                : t('publicProjects.count', { n: list.data.total })}
            </p>
            {list.data.items.length === 0 ? (
              <Empty description={t('publicProjects.empty')} />
            ) : (
              <ul className="sg-plain-list sg-public-list" aria-busy={list.isFetching}>
                {list.data.items.map((p) => (
                  <li key={p.code}>
                    <PublicProjectCard project={p} />
                  </li>
                ))}
              </ul>
            )}
            {list.data.total > pageSize ? (
              <nav aria-label={t('publicProjects.pages')} className="sg-public-pagination">
                <Pagination
                  current={page}
                  pageSize={pageSize}
                  total={list.data.total}
                  pageSizeOptions={PAGE_SIZE_OPTIONS}
                  showSizeChanger={false}
                  onChange={(p, size) => {
                    setPage(p, size);
                    window.scrollTo({ top: 0 });
                  }}
                />
              </nav>
            ) : null}
          </>
        )}
      </main>
      <footer className="sg-public-footer">
        <p>{t('publicProjects.footer')}</p>
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
