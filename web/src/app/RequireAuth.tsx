import { Button, Result } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { Me } from '../api/endpoints';
import { FullPageSpin } from '../components/FullPageSpin';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { LOGIN_PATH, loginUrl } from './navigation';
import { MeContext, signOut, useAuthState } from './session';

const ChangePasswordModal = lazy(() => import('../components/ChangePasswordModal'));

export type LoginNotice = 'expired' | 'loggedOut';

/** Shown instead of the console while the user must change their initial password. */
function ForcedPasswordChange({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <div className="sg-forced">
      <header className="sg-forced-header">
        <span className="sg-brand-name">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <main className="sg-forced-main">
        <p>{t('password.forcedHint')}</p>
      </main>
      <Suspense fallback={null}>
        <ChangePasswordModal
          open
          forced
          username={me.user.username}
          onClose={() => {}}
          onSignOut={() => void signOut()}
        />
      </Suspense>
    </div>
  );
}

/** Console guard: waits for the session check, sends signed-out visitors to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const auth = useAuthState();
  const location = useLocation();

  if (auth.isPending) return <FullPageSpin />;
  if (auth.isError) {
    return (
      <Result
        status="error"
        title={t('errors.loadFailed')}
        subTitle={auth.error.message}
        extra={
          <Button type="primary" onClick={() => void auth.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }

  const state = auth.data;
  if (state.status === 'signedOut') {
    if (state.reason === 'logout') {
      return <Navigate to={LOGIN_PATH} replace state={{ notice: 'loggedOut' satisfies LoginNotice }} />;
    }
    const from = `${location.pathname}${location.search}${location.hash}`;
    return (
      <Navigate
        to={loginUrl(from)}
        replace
        state={state.reason === 'expired' ? { notice: 'expired' satisfies LoginNotice } : undefined}
      />
    );
  }

  return (
    <MeContext.Provider value={state.me}>
      {state.me.user.mustChangePassword ? <ForcedPasswordChange me={state.me} /> : children}
    </MeContext.Provider>
  );
}
