import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { Role } from '../../../contracts/roles';
import { type ApiError, isSessionEnded, onPasswordChangeRequired, onSessionEnded, setCsrfToken } from '../api/client';
import { getMe, logout, type Me, queryKeys } from '../api/endpoints';
import { queryClient } from './queryClient';

/** Why there is no signed-in user: never signed in, the session ran out, or the user signed out. */
export type SignedOutReason = 'anonymous' | 'expired' | 'logout';

export type AuthState = { status: 'signedIn'; me: Me } | { status: 'signedOut'; reason: SignedOutReason };

async function fetchAuthState({ signal }: { signal: AbortSignal }): Promise<AuthState> {
  try {
    const me = await getMe({ signal, skipSessionHandler: true });
    setCsrfToken(me.csrfToken);
    return { status: 'signedIn', me };
  } catch (error) {
    if (isSessionEnded(error)) {
      setCsrfToken(null);
      return { status: 'signedOut', reason: error.code === 'auth.session_expired' ? 'expired' : 'anonymous' };
    }
    throw error;
  }
}

/** The session as the server sees it; fetched once, then kept up to date by login, logout and 401 handling. */
export function useAuthState() {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchAuthState, staleTime: Number.POSITIVE_INFINITY });
}

/** After login (or a password change) store the fresh `Me`. */
export function setSignedIn(me: Me): void {
  setCsrfToken(me.csrfToken);
  const next: AuthState = { status: 'signedIn', me };
  queryClient.setQueryData(queryKeys.me, next);
}

/** Forget the user and every cached server answer; the route guard then sends the browser to the login page. */
export function setSignedOut(reason: SignedOutReason): void {
  setCsrfToken(null);
  const current = queryClient.getQueryData<AuthState>(queryKeys.me);
  if (current?.status === 'signedOut' && current.reason === reason) return;
  const next: AuthState = { status: 'signedOut', reason };
  queryClient.setQueryData(queryKeys.me, next);
  // Drop everything else once the console has unmounted, so nothing refetches with a dead session.
  setTimeout(() => {
    void queryClient.cancelQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
  }, 0);
}

export function refreshMe(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: queryKeys.me });
}

// Any call (other than login and the /me probe) that finds the session gone ends up here.
onSessionEnded((_error: ApiError) => {
  const current = queryClient.getQueryData<AuthState>(queryKeys.me);
  if (current?.status === 'signedOut') return;
  setSignedOut('expired');
});

// The server says the password must be changed first: reload /me so the guard shows the forced dialog.
onPasswordChangeRequired(() => void refreshMe());

// ---- the signed-in user, for components inside the console -------------------------------------------

export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside the signed-in console');
  return me;
}

export function hasAnyRole(me: Me, roles: readonly Role[] | undefined): boolean {
  if (!roles) return true;
  return roles.some((r) => me.roles.includes(r));
}

/** Sign out on the server (best effort) and locally; the route guard then shows the login page. */
export async function signOut(): Promise<void> {
  try {
    await logout();
  } catch {
    // The session may already be gone; signing out locally is what matters.
  }
  setSignedOut('logout');
}
