import { Alert, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '../../api/endpoints';
import { formatDateTime, formatFen } from '../../components/format';
import { useTerms } from '../registry/useTerms';
import { GradeTag, ProjectStatusTag, useDescriptionsLayout, usePeriodText, useProjectVocabulary } from './projectBits';

/** Why the project stands where it is: the reason of a rejection (back to draft) or a termination. */
export function StatusReason({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  if (!project.statusReason) return null;
  const key = project.status === 'terminated' ? 'terminated' : project.status === 'draft' ? 'rejected' : 'other';
  return (
    <Alert
      type={project.status === 'terminated' ? 'error' : 'warning'}
      showIcon
      className="sg-form-alert"
      data-testid="project-status-reason"
      title={t(`projects.overview.reason.${key}`)}
      description={project.statusReason}
    />
  );
}

export function ProjectOverviewTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const layout = useDescriptionsLayout();
  const vocabulary = useProjectVocabulary();
  const periodText = usePeriodText();
  const specialties = useTerms('specialty');
  const none = t('common.empty');
  return (
    <div data-testid="project-overview">
      <StatusReason project={project} />
      <Descriptions
        bordered
        layout={layout}
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'title', label: t('projects.fields.title'), children: project.title, span: { xs: 1, md: 2 } },
          { key: 'code', label: t('projects.fields.code'), children: <span className="sg-mono">{project.code}</span> },
          { key: 'status', label: t('projects.fields.status'), children: <ProjectStatusTag status={project.status} /> },
          { key: 'purchaser', label: t('projects.fields.purchaser'), children: project.purchaserName },
          { key: 'division', label: t('projects.fields.division'), children: project.divisionName },
          {
            key: 'funding',
            label: t('projects.fields.fundingSource'),
            children: vocabulary.funding(project.fundingSource),
          },
          {
            key: 'procurement',
            label: t('projects.fields.procurementMethod'),
            children: vocabulary.procurement(project.procurementMethod),
          },
          { key: 'budget', label: t('projects.fields.budget'), children: formatFen(project.budgetFen) },
          {
            key: 'contract',
            label: t('projects.fields.contractAmount'),
            children: formatFen(project.contractAmountFen),
          },
          {
            key: 'period',
            label: t('projects.fields.period'),
            children: (
              <span className="sg-tags">
                <span>{periodText(project.periodFrom, project.periodTo)}</span>
                {project.recurring ? <Tag color="blue">{t('projects.fields.recurringTag')}</Tag> : null}
              </span>
            ),
          },
          { key: 'agency', label: t('projects.fields.agency'), children: project.agencyName ?? t('projects.noAgency') },
          {
            key: 'grade',
            label: t('projects.fields.finalGrade'),
            children: <GradeTag grade={project.finalGrade} score={project.finalScore} />,
          },
          {
            key: 'divisions',
            label: t('projects.fields.serviceDivisions'),
            span: { xs: 1, md: 2 },
            children:
              project.serviceDivisions.length > 0 ? (
                <span className="sg-tags">
                  {project.serviceDivisions.map((d) => (
                    <Tag key={d.code}>{d.name}</Tag>
                  ))}
                </span>
              ) : (
                none
              ),
          },
          {
            key: 'targets',
            label: t('projects.fields.targetGroups'),
            span: { xs: 1, md: 2 },
            children:
              project.targetGroups.length > 0 ? (
                <span className="sg-tags">
                  {project.targetGroups.map((c) => (
                    <Tag key={c} color="blue">
                      {specialties.name(c)}
                    </Tag>
                  ))}
                </span>
              ) : (
                none
              ),
          },
          {
            key: 'content',
            label: t('projects.fields.serviceContent'),
            span: { xs: 1, md: 2 },
            children: project.serviceContent ? (
              <Typography.Paragraph className="sg-pre-line sg-project-content">
                {project.serviceContent}
              </Typography.Paragraph>
            ) : (
              none
            ),
          },
          { key: 'created', label: t('projects.fields.createdAt'), children: formatDateTime(project.createdAt) },
          { key: 'updated', label: t('projects.fields.updatedAt'), children: formatDateTime(project.updatedAt) },
        ]}
      />
    </div>
  );
}
