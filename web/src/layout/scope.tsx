import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

// The organization the user is working in. Empty means every organization the user can see.
const STORAGE_KEY = 'gongjian.scope';

interface Scope {
  scopeId: string | null;
  setScopeId: (id: string | null) => void;
}

const ScopeContext = createContext<Scope>({ scopeId: null, setScopeId: () => undefined });

export function ScopeProvider({ children }: { children: ReactNode }) {
  const [scopeId, setState] = useState<string | null>(() => localStorage.getItem(STORAGE_KEY));
  const value = useMemo<Scope>(
    () => ({
      scopeId,
      setScopeId: (id) => {
        if (id) localStorage.setItem(STORAGE_KEY, id);
        else localStorage.removeItem(STORAGE_KEY);
        setState(id);
      },
    }),
    [scopeId],
  );
  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

export function useScope(): Scope {
  return useContext(ScopeContext);
}
