import { lazy, Suspense, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { PageLoading } from '../components/QueryState';
import { AuthProvider, useAuth } from '../lib/auth';
import { AppProviders, createQueryClient } from '../lib/providers';
import { ConsoleLayout } from './ConsoleLayout';
import { LoginPage } from './LoginPage';
import { SelectedOrgProvider } from './selected-org';

const OrgsPage = lazy(() => import('../pages/orgs/OrgsPage'));
const MembersPage = lazy(() => import('../pages/members/MembersPage'));
const MemberDetailPage = lazy(() => import('../pages/members/MemberDetailPage'));
const MemberFormPage = lazy(() => import('../pages/members/MemberFormPage'));
const ImportPage = lazy(() => import('../pages/import/ImportPage'));
const StatsPage = lazy(() => import('../pages/stats/StatsPage'));
const StatsPrintPage = lazy(() => import('../pages/stats/StatsPrintPage'));
const LedgerPrintPage = lazy(() => import('../pages/mobility/LedgerPrintPage'));
const PoliciesPage = lazy(() => import('../pages/policies/PoliciesPage'));
const UsersPage = lazy(() => import('../pages/users/UsersPage'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage'));
const AccountPage = lazy(() => import('../pages/account/AccountPage'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));
const MobilityLayout = lazy(() => import('../pages/mobility/MobilityLayout'));
const LedgerPage = lazy(() => import('../pages/mobility/LedgerPage'));
const OutflowPage = lazy(() => import('../pages/mobility/OutflowPage'));
const MemberLedgerPage = lazy(() => import('../pages/mobility/MemberLedgerPage'));
const AlertsPage = lazy(() => import('../pages/mobility/AlertsPage'));
const ReportsPage = lazy(() => import('../pages/mobility/ReportsPage'));
const InflowsPage = lazy(() => import('../pages/mobility/InflowsPage'));
const LostContactPage = lazy(() => import('../pages/mobility/LostContactPage'));
const MobilityStatsPage = lazy(() => import('../pages/mobility/MobilityStatsPage'));
const InboxPage = lazy(() => import('../pages/inbox/InboxPage'));
const DisposalsPage = lazy(() => import('../pages/disposals/DisposalsPage'));
const DisposalDetailPage = lazy(() => import('../pages/disposals/DisposalDetailPage'));
const MeetingsLayout = lazy(() => import('../pages/meetings/MeetingsLayout'));
const MeetingCalendarPage = lazy(() => import('../pages/meetings/CalendarPage'));
const RecordMeetingPage = lazy(() => import('../pages/meetings/RecordMeetingPage'));
const MeetingDetailPage = lazy(() => import('../pages/meetings/MeetingDetailPage'));
const LifeCompliancePage = lazy(() => import('../pages/meetings/CompliancePage'));
const LeavePage = lazy(() => import('../pages/meetings/LeavePage'));
const ExemptionsPage = lazy(() => import('../pages/meetings/ExemptionsPage'));
const EscalationsPage = lazy(() => import('../pages/meetings/EscalationsPage'));
const DuesLayout = lazy(() => import('../pages/dues/DuesLayout'));
const DuesMonthPage = lazy(() => import('../pages/dues/MonthPage'));
const DuesConfirmPage = lazy(() => import('../pages/dues/ConfirmPage'));
const DuesAssessmentsPage = lazy(() => import('../pages/dues/AssessmentsPage'));
const DuesReliefsPage = lazy(() => import('../pages/dues/ReliefsPage'));
const DuesRemittancesPage = lazy(() => import('../pages/dues/RemittancesPage'));
const DuesPublicationsPage = lazy(() => import('../pages/dues/PublicationsPage'));
const DuesArrearsPage = lazy(() => import('../pages/dues/ArrearsPage'));
const DuesRatesPage = lazy(() => import('../pages/dues/RatesPage'));
const DuesMobilePage = lazy(() => import('../pages/dues/MobilePage'));

function Guarded() {
  const { me, loading, error } = useAuth();
  const location = useLocation();
  if (loading) return <PageLoading />;
  if (!me) {
    if (error) return <PageLoading error={error} />;
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  if (me.role === 'member') {
    // Members use the phone portal, a different bundle: leave the console entirely.
    window.location.replace('/m');
    return <PageLoading />;
  }
  return (
    <SelectedOrgProvider me={me}>
      <ConsoleLayout />
    </SelectedOrgProvider>
  );
}

const page = (el: React.ReactNode) => <Suspense fallback={<PageLoading />}>{el}</Suspense>;

export default function ConsoleApp() {
  const [client] = useState(createQueryClient);
  return (
    <AppProviders client={client}>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route element={<Guarded />}>
              <Route index element={<Navigate to="/members" replace />} />
              <Route path="orgs" element={page(<OrgsPage />)} />
              <Route path="orgs/:id" element={page(<OrgsPage />)} />
              <Route path="members" element={page(<MembersPage />)} />
              <Route path="members/new" element={page(<MemberFormPage />)} />
              <Route path="members/:id" element={page(<MemberDetailPage />)} />
              <Route path="members/:id/edit" element={page(<MemberFormPage />)} />
              <Route path="mobility" element={page(<MobilityLayout />)}>
                <Route index element={<LedgerPage />} />
                <Route path="new" element={<OutflowPage />} />
                <Route path="members/:memberId" element={<MemberLedgerPage />} />
                <Route path="alerts" element={<AlertsPage />} />
                <Route path="reports" element={<ReportsPage />} />
                <Route path="inflows" element={<InflowsPage />} />
                <Route path="lost" element={<LostContactPage />} />
                <Route path="stats" element={<MobilityStatsPage />} />
              </Route>
              <Route path="meetings" element={page(<MeetingsLayout />)}>
                <Route index element={<MeetingCalendarPage />} />
                <Route path="new" element={<RecordMeetingPage />} />
                <Route path="compliance" element={<LifeCompliancePage />} />
                <Route path="leave" element={<LeavePage />} />
                <Route path="exemptions" element={<ExemptionsPage />} />
                <Route path="escalations" element={<EscalationsPage />} />
                <Route path=":id" element={<MeetingDetailPage />} />
              </Route>
              <Route path="dues" element={page(<DuesLayout />)}>
                <Route index element={<DuesMonthPage />} />
                <Route path="confirm" element={<DuesConfirmPage />} />
                <Route path="assessments" element={<DuesAssessmentsPage />} />
                <Route path="reliefs" element={<DuesReliefsPage />} />
                <Route path="remittances" element={<DuesRemittancesPage />} />
                <Route path="publications" element={<DuesPublicationsPage />} />
                <Route path="arrears" element={<DuesArrearsPage />} />
                <Route path="rates" element={<DuesRatesPage />} />
                <Route path="mobile" element={<DuesMobilePage />} />
              </Route>
              <Route path="disposals" element={page(<DisposalsPage />)} />
              <Route path="disposals/:id" element={page(<DisposalDetailPage />)} />
              <Route path="inbox" element={page(<InboxPage />)} />
              <Route path="import" element={page(<ImportPage />)} />
              <Route path="stats" element={page(<StatsPage />)} />
              <Route path="stats/print" element={page(<StatsPrintPage />)} />
              <Route path="mobility/print" element={page(<LedgerPrintPage />)} />
              <Route path="policies" element={page(<PoliciesPage />)} />
              <Route path="users" element={page(<UsersPage />)} />
              <Route path="audit" element={page(<AuditPage />)} />
              <Route path="account" element={page(<AccountPage />)} />
              <Route path="*" element={page(<NotFoundPage />)} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </AppProviders>
  );
}
