import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { EvaluationKind } from '../../../../contracts/projects';
import { type EvaluationSummary, listProjectEvaluations, type ProjectDetail, queryKeys } from '../../api/endpoints';
import { hasAnyRole, useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { EvaluationAssignForm } from '../evaluations/EvaluationAssignForm';
import {
  EvaluationGradeTag,
  EvaluationKindTag,
  type EvaluationLinkState,
  EvaluationStatusTag,
  evaluationPath,
  OverdueTag,
} from '../evaluations/evaluationBits';
import { ProjectRectifications } from '../evaluations/ProjectRectifications';
import '../evaluations/evaluations.css';
import { todayInShanghai } from '../registry/dates';
import { PURCHASING_ROLES, TableEmpty, useDescriptionsLayout } from './projectBits';

/** Which evaluation the purchasing side can assign now: mid-term during service, final in final review (one each). */
function assignableKind(project: ProjectDetail, existing: EvaluationSummary[]): EvaluationKind | null {
  const kind: EvaluationKind | null =
    project.status === 'in_service' ? 'midterm' : project.status === 'final_review' ? 'final' : null;
  if (!kind || existing.some((e) => e.kind === kind)) return null;
  return kind;
}

/** 评估: the project's mid-term and final evaluations, their assignment, and the rectification tasks they raised. */
export function ProjectEvaluationsTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const layout = useDescriptionsLayout();
  const me = useMe();
  const { message } = App.useApp();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [assigning, setAssigning] = useState(false);
  const key = queryKeys.projectWorkflow(project.id, 'evaluations');
  const list = useQuery({ queryKey: key, queryFn: ({ signal }) => listProjectEvaluations(project.id, { signal }) });
  const purchasing = hasAnyRole(me, PURCHASING_ROLES);
  const today = todayInShanghai();
  const back: EvaluationLinkState = { back: `${location.pathname}${location.search}` };

  if (list.isPending) return <Spin />;
  if (list.isError) return <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const evaluations = list.data;
  const kind = purchasing ? assignableKind(project, evaluations) : null;

  return (
    <div className="sg-stack" data-testid="project-evaluations">
      <Descriptions
        bordered
        layout={layout}
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'grade',
            label: t('projects.fields.finalGrade'),
            children: <EvaluationGradeTag grade={project.finalGrade} />,
          },
          {
            key: 'score',
            label: t('projects.evaluations.finalScore'),
            children: project.finalScore === null ? t('projects.evaluations.noScore') : project.finalScore,
          },
        ]}
      />
      {kind && !assigning ? (
        <div>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAssigning(true)}
            data-testid="evaluation-assign-open"
          >
            {t('evaluations.assign.open', { kind: t(`evaluations.kinds.${kind}`) })}
          </Button>
        </div>
      ) : null}
      {project.status === 'final_review' && purchasing && !evaluations.some((e) => e.kind === 'final') && !assigning ? (
        <Alert type="info" showIcon title={t('evaluations.assign.finalHint')} />
      ) : null}
      {kind && assigning ? (
        <EvaluationAssignForm
          project={project}
          kind={kind}
          onCancel={() => setAssigning(false)}
          onDone={() => {
            message.success(t('evaluations.assign.done'));
            setAssigning(false);
            void queryClient.invalidateQueries({ queryKey: key });
          }}
        />
      ) : null}

      <section aria-labelledby="project-evaluation-list-title">
        <Typography.Title level={2} className="sg-section-title" id="project-evaluation-list-title">
          {t('evaluations.listTitle')}
        </Typography.Title>
        <Table<EvaluationSummary>
          rowKey="id"
          size="small"
          dataSource={evaluations}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <TableEmpty text={t('evaluations.empty')} /> }}
          columns={[
            {
              title: t('evaluations.fields.kind'),
              key: 'kind',
              render: (_: unknown, e) => <EvaluationKindTag kind={e.kind} />,
            },
            { title: t('evaluations.fields.evaluatorOrg'), key: 'org', dataIndex: 'evaluatorOrgName' },
            {
              title: t('evaluations.fields.assignees'),
              key: 'assignees',
              render: (_: unknown, e) => e.assignees.map((a) => a.displayName).join(t('common.listSeparator')),
            },
            {
              title: t('evaluations.fields.dueOn'),
              key: 'dueOn',
              className: 'sg-nowrap',
              render: (_: unknown, e) => (
                <span className="sg-tags">
                  <span>{e.dueOn ?? t('common.empty')}</span>
                  {e.status === 'assigned' && e.dueOn && e.dueOn < today ? <OverdueTag /> : null}
                </span>
              ),
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
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, e) => {
                const mine = e.assignees.some((a) => a.userId === me.user.id);
                // The server lets the purchasing side, the assigned evaluators and (once submitted) the agency read it.
                const readable =
                  purchasing || mine || (me.roles.includes('agency_manager') && e.status === 'submitted');
                if (!readable) return t('common.empty');
                return (
                  <Link to={evaluationPath(e.id)} state={back} data-testid="evaluation-link">
                    {mine && e.status === 'assigned' ? t('evaluations.mine.score') : t('evaluations.mine.view')}
                  </Link>
                );
              },
            },
          ]}
        />
      </section>

      <ProjectRectifications project={project} />
    </div>
  );
}
