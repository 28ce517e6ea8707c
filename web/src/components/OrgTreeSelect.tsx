import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, withQuery } from '../api/client';
import type { Page } from '../api/types';
import type { OrgSummary } from '../../../domain/schemas/orgs';
import { fetchOrgChildren, orgKeys } from '../features/orgs/orgQueries';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  /** the subtree to offer; null offers every organization the user can see */
  rootId?: string | null;
  /** label of the current value before its branch is loaded */
  valueLabel?: string;
  className?: string;
  disabled?: boolean;
}

const toNode = (o: OrgSummary, pId: string | null): Node => ({
  id: o.id,
  pId,
  value: o.id,
  title: o.name,
  isLeaf: !o.hasChildren,
});

/** Picks an organization from the tree, loading branches as they open; typing searches by name. */
export default function OrgTreeSelect({
  value,
  onChange,
  id,
  placeholder,
  allowClear,
  rootId = null,
  valueLabel,
  className,
  disabled,
}: Props) {
  const [nodes, setNodes] = useState<Node[]>([]);
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ value: string; title: string } | null>(null);

  const top = useQuery({
    queryKey: ['orgs', 'tree-select-top', rootId],
    queryFn: async (): Promise<OrgSummary[]> => {
      if (rootId === null) return (await fetchOrgChildren(null)).items;
      return [await api<OrgSummary>(`/orgs/${encodeURIComponent(rootId)}`)];
    },
  });
  const found = useQuery({
    queryKey: orgKeys.search(search, rootId),
    queryFn: () => api<Page<OrgSummary>>(withQuery('/orgs', { q: search, within: rootId, limit: 30 })),
    enabled: search.trim().length > 0,
  });

  useEffect(() => {
    if (top.data) setNodes(top.data.map((o) => toNode(o, null)));
  }, [top.data]);

  const loadChildren = async (parentId: string) => {
    const { items } = await fetchOrgChildren(parentId);
    setNodes((current) => [
      ...current.filter((n) => n.pId !== parentId),
      ...items.map((o) => toNode(o, parentId)),
    ]);
  };

  const searching = search.trim().length > 0;
  const shown: Node[] = searching
    ? (found.data?.items ?? []).map((o) => ({
        ...toNode(o, null),
        title: o.pathNames.join(' / '),
        isLeaf: true,
      }))
    : nodes;
  const currentLabel = picked && picked.value === value ? picked.title : valueLabel;
  const withCurrent =
    value && currentLabel && !shown.some((n) => n.value === value)
      ? [...shown, { id: value, pId: null, value, title: currentLabel, isLeaf: true }]
      : shown;

  return (
    <TreeSelect
      id={id}
      className={className}
      disabled={disabled}
      treeDataSimpleMode
      treeData={withCurrent}
      value={value ?? undefined}
      onChange={(next: string | undefined) => {
        const node = shown.find((n) => n.value === next);
        if (node) setPicked({ value: node.value, title: node.title });
        setSearch('');
        onChange?.(next ?? null);
      }}
      loadData={(node) => loadChildren(String(node.value))}
      showSearch
      searchValue={search}
      onSearch={setSearch}
      filterTreeNode={false}
      allowClear={allowClear}
      placeholder={placeholder}
      // a filter has no label of its own: its placeholder names it for screen readers too; in a form
      // (an id) the field's label names it, and an aria-label would hide that label
      aria-label={id ? undefined : placeholder}
      loading={top.isLoading || found.isFetching}
      popupMatchSelectWidth={false}
      treeNodeLabelProp="title"
    />
  );
}
