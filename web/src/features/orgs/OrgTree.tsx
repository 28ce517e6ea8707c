import { Badge, Tree, type TreeDataNode } from 'antd';
import { useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgSummary } from '../../../../domain/schemas/orgs';
import { fetchOrgChildren } from './orgQueries';

interface Props {
  roots: OrgSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  expandedKeys: string[];
  onExpand: (keys: string[]) => void;
}

/** The organization tree; each branch loads its children when it is opened. */
export default function OrgTree({ roots, selectedId, onSelect, expandedKeys, onExpand }: Props) {
  const { t } = useTranslation();
  const [children, setChildren] = useState<Record<string, OrgSummary[]>>({});

  const toNode = (org: OrgSummary): TreeDataNode => ({
    key: org.id,
    isLeaf: !org.hasChildren,
    title: (
      <span className={org.dissolvedOn ? 'org-node-dissolved' : undefined}>
        <span>{org.name}</span>{' '}
        <Badge
          count={org.memberCount}
          showZero
          color="#bfbfbf"
          overflowCount={99999}
          title={t('org.countTotal')}
        />
      </span>
    ),
    children: children[org.id]?.map(toNode),
  });

  return (
    <Tree
      className="orgs-tree"
      blockNode
      treeData={roots.map(toNode)}
      selectedKeys={selectedId ? [selectedId] : []}
      expandedKeys={expandedKeys}
      onExpand={(keys: Key[]) => onExpand(keys.map(String))}
      onSelect={(keys: Key[]) => {
        const [key] = keys;
        if (key !== undefined) onSelect(String(key));
      }}
      loadData={async (node) => {
        const id = String(node.key);
        const { items } = await fetchOrgChildren(id);
        setChildren((current) => ({ ...current, [id]: items }));
      }}
    />
  );
}
