import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, mayHaveSession, setUnauthorizedHandler } from '../api/client';
import { authApi } from '../api/endpoints';
import { keys } from '../api/keys';
import type { Me } from '../api/types';

interface AuthState {
  me: Me | null | undefined;
  loading: boolean;
  error: unknown;
  /** The session ended underneath us (expired or revoked), as opposed to never having logged in. */
  expired: boolean;
  signIn: (username: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  can: (permission: string) => boolean;
}

/** Drop the previous user's data, but keep the `me` query its observer is bound to (clear() would orphan it). */
function forgetData(qc: QueryClient) {
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.session[0] });
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [expired, setExpired] = useState(false);
  const meQuery = useQuery({
    queryKey: keys.session,
    queryFn: async () => {
      if (!mayHaveSession()) return null;
      try {
        return await authApi.me();
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setExpired(true);
      qc.setQueryData(keys.session, null);
    });
  }, [qc]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const me = await authApi.login(username, password);
      forgetData(qc);
      qc.setQueryData(keys.session, me);
      setExpired(false);
      return me;
    },
    [qc],
  );

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      forgetData(qc);
      qc.setQueryData(keys.session, null);
      setExpired(false);
    }
  }, [qc]);

  const value = useMemo<AuthState>(
    () => ({
      me: meQuery.data,
      loading: meQuery.isLoading,
      error: meQuery.error,
      expired,
      signIn,
      signOut,
      can: (p) => meQuery.data?.permissions.includes(p) ?? false,
    }),
    [meQuery.data, meQuery.isLoading, meQuery.error, expired, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only for components rendered behind a login guard. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}
