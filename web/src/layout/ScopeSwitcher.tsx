import { Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgRoots } from '../features/orgs/orgQueries';
import { useScope } from './scope';

const ALL = '';

export default function ScopeSwitcher() {
  const { t } = useTranslation();
  const { scopeId, setScopeId } = useScope();
  const roots = useOrgRoots();
  const items = roots.data?.items;

  // A stored scope the user can no longer see falls back to everything visible.
  useEffect(() => {
    if (items && scopeId && !items.some((o) => o.id === scopeId)) setScopeId(null);
  }, [items, scopeId, setScopeId]);

  return (
    <Select
      className="scope-switcher"
      aria-label={t('header.scope')}
      loading={roots.isLoading}
      value={scopeId ?? ALL}
      onChange={(value: string) => setScopeId(value === ALL ? null : value)}
      showSearch
      optionFilterProp="label"
      options={[
        { value: ALL, label: t('header.allScopes') },
        ...(items ?? []).map((o) => ({ value: o.id, label: o.name })),
      ]}
      popupMatchSelectWidth={false}
    />
  );
}
