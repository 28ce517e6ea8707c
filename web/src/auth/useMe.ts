import { useQuery } from '@tanstack/react-query';
import { api, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';
import { setTimeZone } from '../i18n/dates';
import type { Action } from '../../../domain/access';
import type { AccessRole } from '../../../domain/enums';

export const ME_KEY = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      const me = await api<Me>('/users/me');
      setCsrfToken(me.csrfToken);
      setTimeZone(me.timeZone);
      return me;
    },
    staleTime: 60_000,
    retry: false,
  });
}

/** Whether the user may do this somewhere in its scope (the server's answer in /users/me): a page offers only such actions. */
export function mayDo(me: Me | undefined, action: Action): boolean {
  return me?.abilities.includes(action) ?? false;
}

export function hasRole(me: Me | undefined, roles: readonly AccessRole[]): boolean {
  return me?.user.roles.some((r) => roles.includes(r.role)) ?? false;
}
