import { useQuery } from '@tanstack/react-query';
import { api, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';
import { setTimeZone } from '../i18n/dates';
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

export function hasRole(me: Me | undefined, roles: readonly AccessRole[]): boolean {
  return me?.user.roles.some((r) => roles.includes(r.role)) ?? false;
}
