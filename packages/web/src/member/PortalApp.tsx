import { lazy, Suspense, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { PageLoading } from '../components/QueryState';
import { AuthProvider, useAuth } from '../lib/auth';
import { AppProviders, createQueryClient } from '../lib/providers';
import { MyInbox, MyReports, MyTodo } from './MobilityPages';
import { PortalLogin } from './PortalLogin';
import { MyPassword, MyRecord, NotAMember, PortalShell } from './PortalPages';

// The region picker and its data stay out of the portal's first load.
const ContactChangePage = lazy(() => import('./ContactChangePage'));
const MyMeetingsPage = lazy(() => import('./meetings/MyMeetingsPage'));
const SignInPage = lazy(() => import('./meetings/SignInPage'));
const MyLifePage = lazy(() => import('./meetings/MyLifePage'));
const MyDuesPage = lazy(() => import('./dues/MyDuesPage'));
const SubmitDuesPaymentPage = lazy(() => import('./dues/SubmitPaymentPage'));

const lazyPage = (el: React.ReactNode) => (
  <Guarded>
    <Suspense fallback={<PageLoading />}>{el}</Suspense>
  </Guarded>
);

function Guarded({ children }: { children: React.ReactNode }) {
  const { me, loading, error } = useAuth();
  const location = useLocation();
  if (loading) return <PageLoading />;
  if (!me) {
    if (error) return <PageLoading error={error} />;
    // The sign-in QR's code rides in the query: a member who logs in first still lands on it.
    return <Navigate to="/m/login" replace state={{ from: location.pathname + location.search }} />;
  }
  if (me.role !== 'member' || !me.memberId) return <NotAMember />;
  return <PortalShell>{children}</PortalShell>;
}

export default function PortalApp() {
  const [client] = useState(createQueryClient);
  return (
    <AppProviders client={client} large>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/m/login" element={<PortalLogin />} />
            <Route
              path="/m"
              element={
                <Guarded>
                  <MyRecord />
                </Guarded>
              }
            />
            <Route
              path="/m/todo"
              element={
                <Guarded>
                  <MyTodo />
                </Guarded>
              }
            />
            <Route
              path="/m/reports"
              element={
                <Guarded>
                  <MyReports />
                </Guarded>
              }
            />
            <Route
              path="/m/inbox"
              element={
                <Guarded>
                  <MyInbox />
                </Guarded>
              }
            />
            <Route
              path="/m/contact"
              element={
                <Guarded>
                  <Suspense fallback={<PageLoading />}>
                    <ContactChangePage />
                  </Suspense>
                </Guarded>
              }
            />
            <Route path="/m/meetings" element={lazyPage(<MyMeetingsPage />)} />
            <Route path="/m/sign-in" element={lazyPage(<SignInPage />)} />
            <Route path="/m/life" element={lazyPage(<MyLifePage />)} />
            <Route path="/m/dues" element={lazyPage(<MyDuesPage />)} />
            <Route path="/m/dues/pay" element={lazyPage(<SubmitDuesPaymentPage />)} />
            <Route
              path="/m/password"
              element={
                <Guarded>
                  <MyPassword />
                </Guarded>
              }
            />
            <Route path="*" element={<Navigate to="/m" replace />} />
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </AppProviders>
  );
}
