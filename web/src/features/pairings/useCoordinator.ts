import { useSearchParams } from 'react-router-dom';
import { useScope } from '../../layout/scope';
import { useOrgRoots } from '../orgs/orgQueries';

/**
 * The coordinating organization a matrix or dashboard is about: the one in the link, else the scope,
 * else the first organization the user can see. Picking another puts it in the link.
 */
export function useCoordinator(): [string | null, (id: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const { scopeId } = useScope();
  const roots = useOrgRoots();
  const coordinator = params.get('coordinator') ?? scopeId ?? roots.data?.items[0]?.id ?? null;
  const set = (id: string | null) =>
    setParams(
      (p) => {
        if (id) p.set('coordinator', id);
        else p.delete('coordinator');
        return p;
      },
      { replace: true },
    );
  return [coordinator, set];
}
