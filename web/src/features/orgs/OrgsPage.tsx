import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, List, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useScope } from '../../layout/scope';
import { hasRole, useMe } from '../../auth/useMe';
import OrgDetailPanel from './OrgDetailPanel';
import OrgFormModal from './OrgFormModal';
import OrgTree from './OrgTree';
import { useOrgRoots, useOrgSearch } from './orgQueries';

export default function OrgsPage() {
  const { t } = useTranslation();
  const { scopeId } = useScope();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('org');
  const [q, setQ] = useState('');
  const [expanded, setExpanded] = useState<string[]>([]);
  const [treeVersion, setTreeVersion] = useState(0);
  const [creatingRoot, setCreatingRoot] = useState(false);
  const roots = useOrgRoots();
  const search = useOrgSearch(q, scopeId);

  const select = (id: string | null) => setParams(id ? { org: id } : {});
  const shownRoots = (roots.data?.items ?? []).filter((o) => !scopeId || o.id === scopeId);
  const reloadTree = (id: string | null) => {
    setTreeVersion((v) => v + 1);
    select(id);
  };

  return (
    <div className="orgs-page">
      <Card className="orgs-sidebar" size="small">
        <Input.Search
          allowClear
          placeholder={t('org.searchPlaceholder')}
          aria-label={t('org.searchPlaceholder')}
          onSearch={setQ}
          onChange={(e) => {
            if (!e.target.value) setQ('');
          }}
          className="orgs-search"
        />
        {q ? (
          <List
            className="orgs-tree"
            size="small"
            header={t('org.searchResults')}
            loading={search.isFetching}
            locale={{ emptyText: t('org.noResults') }}
            dataSource={search.data?.items ?? []}
            renderItem={(org) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Button type="link" className="orgs-search-item" onClick={() => select(org.id)}>
                      {org.name}
                    </Button>
                  }
                  description={org.pathNames.slice(0, -1).join(' / ')}
                />
              </List.Item>
            )}
          />
        ) : roots.isPending ? (
          <Spin />
        ) : (
          <OrgTree
            key={`${scopeId ?? ''}-${treeVersion}`}
            roots={shownRoots}
            selectedId={selectedId}
            onSelect={select}
            expandedKeys={expanded}
            onExpand={setExpanded}
          />
        )}
        {hasRole(me.data, ['admin']) && (
          <Button
            block
            icon={<PlusOutlined />}
            className="orgs-create-root"
            onClick={() => setCreatingRoot(true)}
          >
            {t('org.createRoot')}
          </Button>
        )}
      </Card>
      <div className="orgs-detail">
        <OrgDetailPanel orgId={selectedId} onTreeChanged={reloadTree} />
      </div>
      {creatingRoot && (
        <OrgFormModal
          mode="create"
          parentId={null}
          onClose={() => setCreatingRoot(false)}
          onSaved={(id) => {
            setCreatingRoot(false);
            reloadTree(id);
          }}
        />
      )}
    </div>
  );
}
