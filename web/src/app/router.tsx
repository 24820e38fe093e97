import { lazy, type ReactElement, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { FullPageSpin } from '../components/FullPageSpin';
import { RouteError } from '../components/RouteError';
import { ConsoleLayout } from './ConsoleLayout';
import {
  CONSOLE_ROOT,
  EVALUATION_DETAIL_ROLES,
  type NavKey,
  navItem,
  PUBLIC_PROJECTS_PATH,
  WORKER_DETAIL_ROLES,
} from './navigation';
import { RequireAuth } from './RequireAuth';
import { RequireRole } from './RequireRole';

// Every page is its own chunk; the initial bundle holds only the shell.
const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const HomePage = lazy(() => import('../features/home/HomePage'));
const UsersPage = lazy(() => import('../features/users/UsersPage'));
const OrganizationsPage = lazy(() => import('../features/organizations/OrganizationsPage'));
const OrganizationDetailPage = lazy(() => import('../features/organizations/OrganizationDetailPage'));
const WorkersPage = lazy(() => import('../features/workers/WorkersPage'));
const WorkerDetailPage = lazy(() => import('../features/workers/WorkerDetailPage'));
const MyProfilePage = lazy(() => import('../features/workers/MyProfilePage'));
const ImportPage = lazy(() => import('../features/imports/ImportPage'));
const ResidentsPage = lazy(() => import('../features/residents/ResidentsPage'));
const ResidentDetailPage = lazy(() => import('../features/residents/ResidentDetailPage'));
const BeneficiariesPage = lazy(() => import('../features/beneficiaries/BeneficiariesPage'));
const BeneficiaryDetailPage = lazy(() => import('../features/beneficiaries/BeneficiaryDetailPage'));
const CasesPage = lazy(() => import('../features/cases/CasesPage'));
const CaseDetailPage = lazy(() => import('../features/cases/CaseDetailPage'));
const DeliveryDashboardPage = lazy(() => import('../features/insights/DeliveryDashboardPage'));
const ReferralsPage = lazy(() => import('../features/referrals/ReferralsPage'));
const MyWorkPage = lazy(() => import('../features/delivery/MyWorkPage'));
const ServiceRecordsPage = lazy(() => import('../features/delivery/ServiceRecordsPage'));
const GroupsPage = lazy(() => import('../features/delivery/GroupsPage'));
const GroupDetailPage = lazy(() => import('../features/delivery/GroupDetailPage'));
const ActivitiesPage = lazy(() => import('../features/delivery/ActivitiesPage'));
const ActivityDetailPage = lazy(() => import('../features/delivery/ActivityDetailPage'));
const DivisionsPage = lazy(() => import('../features/divisions/DivisionsPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const ProjectsPage = lazy(() => import('../features/projects/ProjectsPage'));
const ProjectFormPage = lazy(() => import('../features/projects/ProjectFormPage'));
const ProjectDetailPage = lazy(() => import('../features/projects/ProjectDetailPage'));
const MyEvaluationsPage = lazy(() => import('../features/evaluations/MyEvaluationsPage'));
const EvaluationScoringPage = lazy(() => import('../features/evaluations/EvaluationScoringPage'));
const EvaluationTemplatesPage = lazy(() => import('../features/evaluation-templates/EvaluationTemplatesPage'));
const PublicProjectsPage = lazy(() => import('../features/projects/PublicProjectsPage'));
const NotFoundPage = lazy(() => import('../features/errors/NotFoundPage'));

function guarded(key: NavKey, element: ReactElement): ReactElement {
  return <RequireRole roles={navItem(key).roles}>{element}</RequireRole>;
}

function Root() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Outlet />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  { path: '/', element: <Navigate to={CONSOLE_ROOT} replace /> },
  {
    path: CONSOLE_ROOT,
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      { path: 'login', element: <LoginPage /> },
      {
        element: (
          <RequireAuth>
            <ConsoleLayout />
          </RequireAuth>
        ),
        children: [
          {
            // Pathless route so a failing page shows its error inside the shell.
            errorElement: <RouteError />,
            children: [
              { index: true, element: <HomePage /> },
              { path: 'projects', element: guarded('projects', <ProjectsPage />) },
              { path: 'projects/new', element: guarded('projects', <ProjectFormPage />) },
              { path: 'projects/:projectId', element: guarded('projects', <ProjectDetailPage />) },
              { path: 'projects/:projectId/edit', element: guarded('projects', <ProjectFormPage />) },
              { path: 'delivery-dashboard', element: guarded('deliveryDashboard', <DeliveryDashboardPage />) },
              { path: 'evaluations', element: guarded('evaluations', <MyEvaluationsPage />) },
              {
                path: 'evaluations/:evaluationId',
                element: (
                  <RequireRole roles={EVALUATION_DETAIL_ROLES}>
                    <EvaluationScoringPage />
                  </RequireRole>
                ),
              },
              {
                path: 'evaluation-templates',
                element: guarded('evaluationTemplates', <EvaluationTemplatesPage />),
              },
              { path: 'users/:userId?', element: guarded('users', <UsersPage />) },
              { path: 'organizations', element: guarded('organizations', <OrganizationsPage />) },
              {
                path: 'organizations/:organizationId',
                element: guarded('organizations', <OrganizationDetailPage />),
              },
              { path: 'workers', element: guarded('workers', <WorkersPage />) },
              {
                path: 'workers/:workerId',
                element: (
                  <RequireRole roles={WORKER_DETAIL_ROLES}>
                    <WorkerDetailPage />
                  </RequireRole>
                ),
              },
              { path: 'imports', element: guarded('imports', <ImportPage />) },
              { path: 'residents', element: guarded('residents', <ResidentsPage />) },
              { path: 'residents/:residentId', element: guarded('residents', <ResidentDetailPage />) },
              { path: 'beneficiaries', element: guarded('beneficiaries', <BeneficiariesPage />) },
              {
                path: 'beneficiaries/:beneficiaryId',
                element: guarded('beneficiaries', <BeneficiaryDetailPage />),
              },
              { path: 'cases', element: guarded('cases', <CasesPage />) },
              { path: 'cases/:caseId', element: guarded('cases', <CaseDetailPage />) },
              { path: 'referrals', element: guarded('referrals', <ReferralsPage />) },
              { path: 'my-work', element: guarded('myWork', <MyWorkPage />) },
              { path: 'service-records', element: guarded('serviceRecords', <ServiceRecordsPage />) },
              { path: 'groups', element: guarded('groups', <GroupsPage />) },
              { path: 'groups/:groupId', element: guarded('groups', <GroupDetailPage />) },
              { path: 'activities', element: guarded('activities', <ActivitiesPage />) },
              { path: 'activities/:activityId', element: guarded('activities', <ActivityDetailPage />) },
              { path: 'my-profile', element: guarded('myProfile', <MyProfilePage />) },
              { path: 'divisions', element: guarded('divisions', <DivisionsPage />) },
              { path: 'audit', element: guarded('audit', <AuditPage />) },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
  // 项目信息公开: public, outside the console and its login guard.
  {
    path: PUBLIC_PROJECTS_PATH,
    element: <Root />,
    errorElement: <RouteError />,
    children: [{ index: true, element: <PublicProjectsPage /> }],
  },
  {
    path: '*',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <NotFoundPage standalone />
      </Suspense>
    ),
  },
]);
