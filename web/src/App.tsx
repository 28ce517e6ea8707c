import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { ApiError, onUnauthorized } from './api/client';
import { ScopeProvider } from './layout/scope';

const LoginPage = lazy(() => import('./auth/LoginPage'));
// the shell (menu, header, notifications) loads after the login page, which needs none of it
const AppLayout = lazy(() => import('./layout/AppLayout'));
const OrgsPage = lazy(() => import('./features/orgs/OrgsPage'));
const WorkbenchPage = lazy(() => import('./features/workbench/WorkbenchPage'));
const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage'));
const MembersPage = lazy(() => import('./features/members/MembersPage'));
const ImportPage = lazy(() => import('./features/imports/ImportPage'));
const AuditPage = lazy(() => import('./features/audit/AuditPage'));
const MyRecordPage = lazy(() => import('./features/me/MyRecordPage'));
const ActivitiesPage = lazy(() => import('./features/activities/ActivitiesPage'));
const SignInScreen = lazy(() => import('./features/activities/SignInScreen'));
const CompliancePage = lazy(() => import('./features/compliance/CompliancePage'));
const UsersPage = lazy(() => import('./features/users/UsersPage'));
const PairingsPage = lazy(() => import('./features/pairings/PairingsPage'));
const ProjectsPage = lazy(() => import('./features/projects/ProjectsPage'));
const ProjectPage = lazy(() => import('./features/projects/ProjectPage'));
const PairingPage = lazy(() => import('./features/pairings/PairingPage'));
const PairingMatrixPage = lazy(() => import('./features/pairings/PairingMatrixPage'));
const PairingDashboardPage = lazy(() => import('./features/pairings/PairingDashboardPage'));
const DemandsPage = lazy(() => import('./features/demands/DemandsPage'));
const AssessmentsPage = lazy(() => import('./features/assessments/AssessmentsPage'));
const AssessmentFormPage = lazy(() => import('./features/assessments/AssessmentFormPage'));
const AssessmentPage = lazy(() => import('./features/assessments/AssessmentPage'));
const ProjectorPage = lazy(() => import('./features/assessments/ProjectorPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// Ant Design's default greys, link blue and error red read below 4.5:1 on white (WCAG AA, found by the
// axe-core check in e2e/phone.e2e.ts): darker shades of the same hues.
const THEME = {
  token: {
    colorPrimary: '#c8161d',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorLink: '#0958d9',
    colorLinkHover: '#1677ff',
    colorError: '#cf1322',
  },
};

function UnauthorizedRedirect() {
  const navigate = useNavigate();
  useEffect(() => {
    onUnauthorized(() => {
      queryClient.clear();
      // back to where the user was after logging in (a phone that scanned a sign-in QR code)
      const here = `${window.location.pathname}${window.location.search}`;
      const next = here === '/' || here.startsWith('/login') ? '' : `?next=${encodeURIComponent(here)}`;
      void navigate(`/login${next}`, { replace: true });
    });
  }, [navigate]);
  return null;
}

export default function App() {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  useEffect(() => {
    dayjs.locale(zh ? 'zh-cn' : 'en');
  }, [zh]);

  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <UnauthorizedRedirect />
            <ScopeProvider>
              <Suspense fallback={null}>
                <Routes>
                  <Route path="/login" element={<LoginPage />} />
                  <Route path="/activities/:id/sign-in" element={<SignInScreen />} />
                  <Route path="/assessments/:id/projector" element={<ProjectorPage />} />
                  <Route element={<AppLayout />}>
                    <Route index element={<WorkbenchPage />} />
                    <Route path="/dashboard" element={<DashboardPage />} />
                    <Route path="/orgs" element={<OrgsPage />} />
                    <Route path="/members" element={<MembersPage />} />
                    <Route path="/activities" element={<ActivitiesPage />} />
                    <Route path="/compliance" element={<CompliancePage />} />
                    <Route path="/pairings" element={<PairingsPage />} />
                    <Route path="/pairings/matrix" element={<PairingMatrixPage />} />
                    <Route path="/pairings/dashboard" element={<PairingDashboardPage />} />
                    <Route path="/pairings/:id" element={<PairingPage />} />
                    <Route path="/projects" element={<ProjectsPage />} />
                    <Route path="/projects/:id" element={<ProjectPage />} />
                    <Route path="/demands" element={<DemandsPage />} />
                    <Route path="/assessments" element={<AssessmentsPage />} />
                    <Route path="/assessments/new" element={<AssessmentFormPage />} />
                    <Route path="/assessments/:id/edit" element={<AssessmentFormPage />} />
                    <Route path="/assessments/:id" element={<AssessmentPage />} />
                    <Route path="/import" element={<ImportPage />} />
                    <Route path="/audit" element={<AuditPage />} />
                    <Route path="/users" element={<UsersPage />} />
                    <Route path="/me" element={<MyRecordPage />} />
                    <Route path="*" element={<Navigate to="/" replace />} />
                  </Route>
                </Routes>
              </Suspense>
            </ScopeProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
