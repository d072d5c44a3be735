import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { Me } from '../api/types';

export interface OrgRef {
  id: string;
  name: string;
}

interface SelectedOrgState {
  /** null: everything the user may see (only a global administrator has no organization). */
  org: OrgRef | null;
  select: (org: OrgRef | null) => void;
  /** Bumped after any change to the organization tree so the tree reloads. */
  treeVersion: number;
  refreshTree: () => void;
}

const Ctx = createContext<SelectedOrgState | null>(null);
const KEY = 'dangjian.selectedOrg';

function initial(me: Me): OrgRef | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as (OrgRef & { user: string }) | null;
    if (saved && saved.user === me.userId) return { id: saved.id, name: saved.name };
  } catch {
    // A corrupt entry just falls back to the user's own organization.
  }
  return me.orgId ? { id: me.orgId, name: me.orgName ?? '本组织' } : null;
}

export function SelectedOrgProvider({ me, children }: { me: Me; children: ReactNode }) {
  const [org, setOrg] = useState<OrgRef | null>(() => initial(me));
  const [treeVersion, setTreeVersion] = useState(0);
  const select = useCallback(
    (next: OrgRef | null) => {
      setOrg(next);
      if (next) sessionStorage.setItem(KEY, JSON.stringify({ ...next, user: me.userId }));
      else sessionStorage.removeItem(KEY);
    },
    [me.userId],
  );
  const refreshTree = useCallback(() => setTreeVersion((v) => v + 1), []);
  const value = useMemo(
    () => ({ org, select, treeVersion, refreshTree }),
    [org, select, treeVersion, refreshTree],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSelectedOrg(): SelectedOrgState {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useSelectedOrg outside SelectedOrgProvider');
  return ctx;
}
