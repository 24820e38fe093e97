import { ArrowLeftOutlined, AuditOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { getProject, type ProjectDetail, queryKeys } from '../../api/endpoints';
import { navItem } from '../../app/navigation';
import { hasAnyRole, useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { useDetailRoute } from '../../components/useDetailRoute';
import NotFoundPage from '../errors/NotFoundPage';
import { ProjectServiceRecordsTab } from '../insights/ProjectServiceRecordsTab';
import { ProjectActions } from './ProjectActions';
import { ProjectDocumentsTab } from './ProjectDocumentsTab';
import { ProjectEvaluationsTab } from './ProjectEvaluationsTab';
import { ProjectFinanceTab } from './ProjectFinanceTab';
import { ProjectHistoryTab } from './ProjectHistoryTab';
import { ProjectIndicatorsTab } from './ProjectIndicatorsTab';
import { ProjectOverviewTab } from './ProjectOverviewTab';
import { ProjectProcurementTab } from './ProjectProcurementTab';
import { ProjectTeamTab } from './ProjectTeamTab';
import {
  FINANCE_ROLES,
  oneOf,
  PROJECTS_PATH,
  ProjectAmount,
  type ProjectLinkState,
  ProjectStatusTag,
  projectPath,
  usePeriodText,
} from './projectBits';
import './projects.css';

const TABS = [
  'overview',
  'indicators',
  'serviceRecords',
  'team',
  'procurement',
  'evaluations',
  'finance',
  'documents',
  'history',
] as const;
type TabKey = (typeof TABS)[number];

function ProjectDetailView({ project, onReload }: { project: ProjectDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const periodText = usePeriodText();
  const [searchParams, setSearchParams] = useSearchParams();
  const showFinance = hasAnyRole(me, FINANCE_ROLES);
  const requested = oneOf(TABS, searchParams.get('tab'));
  const tab: TabKey = requested && (requested !== 'finance' || showFinance) ? requested : 'overview';
  const back = (location.state as ProjectLinkState | null)?.back ?? PROJECTS_PATH;

  const setTab = (next: string) => {
    setSearchParams(
      (prev) => {
        const params = new URLSearchParams(prev);
        if (next === 'overview') params.delete('tab');
        else params.set('tab', next);
        return params;
      },
      { replace: true, state: location.state },
    );
  };

  const tabs = [
    { key: 'overview', label: t('projects.tabs.overview'), children: <ProjectOverviewTab project={project} /> },
    {
      key: 'indicators',
      label: t('projects.tabs.indicators'),
      children: <ProjectIndicatorsTab project={project} onProjectChanged={onReload} />,
    },
    {
      key: 'serviceRecords',
      label: t('projects.tabs.serviceRecords'),
      children: <ProjectServiceRecordsTab project={project} />,
    },
    { key: 'team', label: t('projects.tabs.team'), children: <ProjectTeamTab project={project} /> },
    {
      key: 'procurement',
      label: t('projects.tabs.procurement'),
      children: <ProjectProcurementTab project={project} />,
    },
    {
      key: 'evaluations',
      label: t('projects.tabs.evaluations'),
      children: <ProjectEvaluationsTab project={project} />,
    },
    ...(showFinance
      ? [
          {
            key: 'finance',
            label: t('projects.tabs.finance'),
            children: <ProjectFinanceTab project={project} onProjectChanged={onReload} />,
          },
        ]
      : []),
    { key: 'documents', label: t('projects.tabs.documents'), children: <ProjectDocumentsTab project={project} /> },
    { key: 'history', label: t('projects.tabs.history'), children: <ProjectHistoryTab project={project} /> },
  ];

  return (
    <>
      <PageHeader
        title={project.title}
        description={
          <span className="sg-project-subtitle">
            <span className="sg-mono" data-testid="project-code">
              {project.code}
            </span>
            <ProjectStatusTag status={project.status} />
          </span>
        }
        extra={
          <>
            <ProjectActions project={project} onOpenTab={setTab} onReload={onReload} />
            {project.can.edit ? (
              <Button
                icon={<EditOutlined />}
                data-testid="project-edit"
                onClick={() => void navigate(`${projectPath(project.id)}/edit`)}
              >
                {t('projects.detail.edit')}
              </Button>
            ) : null}
            {me.roles.includes('bureau_admin') ? (
              <Button
                icon={<AuditOutlined />}
                onClick={() => void navigate(`${navItem('audit').path}?targetType=project&targetId=${project.id}`)}
              >
                {t('common.auditLink')}
              </Button>
            ) : null}
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(back)}>
              {t('projects.detail.back')}
            </Button>
          </>
        }
      />
      <Card className="sg-detail-card">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 4 }}
          items={[
            { key: 'purchaser', label: t('projects.fields.purchaser'), children: project.purchaserName },
            {
              key: 'agency',
              label: t('projects.fields.agency'),
              children: project.agencyName ?? t('projects.noAgency'),
            },
            { key: 'amount', label: t('projects.fields.amount'), children: <ProjectAmount project={project} /> },
            {
              key: 'period',
              label: t('projects.fields.period'),
              children: periodText(project.periodFrom, project.periodTo),
            },
          ]}
        />
      </Card>
      <Card>
        <Tabs className="sg-project-tabs" activeKey={tab} onChange={setTab} items={tabs} />
      </Card>
    </>
  );
}

/** /console/projects/:projectId — out-of-scope and unknown ids both show the 404 page (the server answers 404). */
export default function ProjectDetailPage() {
  const { projectId } = useParams();
  const { detail, notFound } = useDetailRoute({
    basePath: PROJECTS_PATH,
    id: projectId,
    search: '',
    queryKey: queryKeys.project(projectId ?? ''),
    load: (id, signal) => getProject(id, { signal }),
  });
  if (notFound) return <NotFoundPage />;
  if (detail.isPending) return <FullPageSpin inline />;
  if (detail.isError) return <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  return <ProjectDetailView project={detail.data} onReload={() => void detail.refetch()} />;
}
