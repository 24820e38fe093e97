import { lazy, type ReactElement, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { FullPageSpin } from '../components/FullPageSpin';
import { RouteError } from '../components/RouteError';
import { ConsoleLayout } from './ConsoleLayout';
import { CONSOLE_ROOT, type NavKey, navItem, WORKER_DETAIL_ROLES } from './navigation';
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
const DivisionsPage = lazy(() => import('../features/divisions/DivisionsPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
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
  {
    path: '*',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <NotFoundPage standalone />
      </Suspense>
    ),
  },
]);
