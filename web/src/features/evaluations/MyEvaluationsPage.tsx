import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Pagination, Radio, Table } from 'antd';
import type { HTMLAttributes, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  type EvaluationStatus,
  type EvaluationSummary,
  listMyEvaluations,
  type MyEvaluationListParams,
  queryKeys,
} from '../../api/endpoints';
import { QueryErrorResult } from '../../components/ErrorResults';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { paginationConfig } from '../../components/tableDefaults';
import { PAGE_SIZE_OPTIONS, useListParams } from '../../components/useListParams';
import { useIsMobile } from '../../components/useMediaQuery';
import { oneOf, TableEmpty } from '../projects/projectBits';
import { todayInShanghai } from '../registry/dates';
import {
  EVALUATIONS_PATH,
  EvaluationGradeTag,
  EvaluationKindTag,
  type EvaluationLinkState,
  EvaluationStatusTag,
  evaluationPath,
  OverdueTag,
} from './evaluationBits';
import './evaluations.css';

const STATUSES: readonly EvaluationStatus[] = ['assigned', 'submitted'];
const FILTER_KEYS = ['status'] as const;
const ALL = 'all';

const isOverdue = (e: EvaluationSummary, today: string) => e.status === 'assigned' && !!e.dueOn && e.dueOn < today;

function OpenLink({ evaluation, back, block }: { evaluation: EvaluationSummary; back: string; block?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const state: EvaluationLinkState = { back };
  const path = evaluationPath(evaluation.id);
  const text = evaluation.status === 'assigned' ? t('evaluations.mine.score') : t('evaluations.mine.view');
  // On a phone: a full-width button-sized link, easy to hit on site.
  if (block)
    return (
      <Button
        block
        size="large"
        type={evaluation.status === 'assigned' ? 'primary' : 'default'}
        href={path}
        onClick={(e: MouseEvent) => {
          e.preventDefault();
          void navigate(path, { state });
        }}
        data-testid="evaluation-open"
      >
        {text}
      </Button>
    );
  return (
    <Link to={path} state={state} data-testid="evaluation-open">
      {text}
    </Link>
  );
}

function DueDate({ evaluation, today }: { evaluation: EvaluationSummary; today: string }) {
  const { t } = useTranslation();
  if (!evaluation.dueOn) return <span>{t('common.empty')}</span>;
  const overdue = isOverdue(evaluation, today);
  return (
    <span className="sg-tags">
      <span className={overdue ? 'sg-overdue-text' : undefined}>{evaluation.dueOn}</span>
      {overdue ? <OverdueTag /> : null}
    </span>
  );
}

/** Phones: one card per evaluation (evaluators work on site). */
function EvaluationCards({ items, back, today }: { items: EvaluationSummary[]; back: string; today: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <TableEmpty text={t('evaluations.mine.empty')} />;
  return (
    <ul className="sg-plain-list sg-evaluation-cards" data-testid="evaluation-cards">
      {items.map((e) => (
        <li key={e.id} className="sg-evaluation-card" data-testid="evaluation-row">
          <div className="sg-evaluation-card-title">{e.projectTitle}</div>
          <div className="sg-tags">
            <span className="sg-mono">{e.projectCode}</span>
            <EvaluationKindTag kind={e.kind} />
            <EvaluationStatusTag status={e.status} />
          </div>
          <dl>
            <dt>{t('evaluations.fields.dueOn')}</dt>
            <dd>
              <DueDate evaluation={e} today={today} />
            </dd>
            <dt>{t('evaluations.fields.total')}</dt>
            <dd>
              <EvaluationGradeTag grade={e.grade} score={e.totalScore} />
            </dd>
          </dl>
          <OpenLink evaluation={e} back={back} block />
        </li>
      ))}
    </ul>
  );
}

/** /console/evaluations — 评估任务: the evaluations assigned to the signed-in evaluator, open ones first. */
export default function MyEvaluationsPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const { filters, page, pageSize, setFilters, setPage, search } = useListParams(FILTER_KEYS);
  const status = oneOf(STATUSES, filters.status);
  const params: MyEvaluationListParams = { page, pageSize, ...(status ? { status } : {}) };
  const list = useQuery({
    queryKey: queryKeys.myEvaluations(params),
    queryFn: ({ signal }) => listMyEvaluations(params, { signal }),
    placeholderData: keepPreviousData,
  });
  const back = search ? `${EVALUATIONS_PATH}?${search}` : EVALUATIONS_PATH;
  const today = todayInShanghai();
  const items = list.data?.items ?? [];

  return (
    <>
      <PageHeader title={t('nav.evaluations')} description={t('evaluations.mine.intro')} />
      <Card>
        <fieldset className="sg-fieldset sg-toolbar">
          <legend className="sg-visually-hidden">{t('evaluations.mine.statusFilter')}</legend>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={status ?? ALL}
            onChange={(e) => setFilters({ status: e.target.value === ALL ? undefined : (e.target.value as string) })}
            data-testid="evaluation-status-filter"
            options={[
              { value: ALL, label: t('evaluations.mine.all') },
              ...STATUSES.map((s) => ({ value: s, label: t(`evaluations.status.${s}`) })),
            ]}
          />
        </fieldset>
        {list.isError ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : isMobile ? (
          <>
            <EvaluationCards items={items} back={back} today={today} />
            {(list.data?.total ?? 0) > pageSize ? (
              <Pagination
                className="sg-project-pagination"
                current={page}
                pageSize={pageSize}
                total={list.data?.total ?? 0}
                pageSizeOptions={PAGE_SIZE_OPTIONS}
                onChange={setPage}
                simple
              />
            ) : null}
          </>
        ) : (
          <Table<EvaluationSummary>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={items}
            scroll={{ x: 'max-content' }}
            pagination={{ ...paginationConfig(t, page, pageSize, list.data?.total), onChange: setPage }}
            locale={{ emptyText: <TableEmpty text={t('evaluations.mine.empty')} /> }}
            onRow={() => ({ 'data-testid': 'evaluation-row' }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('evaluations.fields.project'),
                key: 'project',
                render: (_: unknown, e) => (
                  <span className="sg-cell-wrap">
                    <span className="sg-mono">{e.projectCode}</span> {e.projectTitle}
                  </span>
                ),
              },
              {
                title: t('evaluations.fields.kind'),
                key: 'kind',
                render: (_: unknown, e) => <EvaluationKindTag kind={e.kind} />,
              },
              {
                title: t('evaluations.fields.dueOn'),
                key: 'dueOn',
                className: 'sg-nowrap',
                render: (_: unknown, e) => <DueDate evaluation={e} today={today} />,
              },
              {
                title: t('evaluations.fields.status'),
                key: 'status',
                render: (_: unknown, e) => <EvaluationStatusTag status={e.status} />,
              },
              {
                title: t('evaluations.fields.total'),
                key: 'total',
                render: (_: unknown, e) => <EvaluationGradeTag grade={e.grade} score={e.totalScore} />,
              },
              {
                title: t('evaluations.fields.assignedAt'),
                key: 'assignedAt',
                className: 'sg-nowrap',
                render: (_: unknown, e) => formatDateTime(e.assignedAt),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_: unknown, e) => <OpenLink evaluation={e} back={back} />,
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
