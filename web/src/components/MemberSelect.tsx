import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, withQuery } from '../api/client';
import type { Page } from '../api/types';
import type { Member } from '../../../domain/schemas/members';

interface Props {
  orgId: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  placeholder?: string;
  /** also members of the organizations below (a committee's secretary sits in one of its branches) */
  subtree?: boolean;
  /** name of the current value, shown before a search finds it */
  valueLabel?: string;
  /** offers a clear button for an optional choice (the field becomes undefined) */
  allowClear?: boolean;
}

/** Picks a member of one organization, searching by name on the server. */
export default function MemberSelect({ orgId, value, onChange, id, placeholder, subtree = false, valueLabel, allowClear }: Props) {
  const [q, setQ] = useState('');
  const members = useQuery({
    queryKey: ['members', 'select', orgId, subtree, q],
    queryFn: () =>
      api<Page<Member>>(withQuery('/members', { org: orgId, subtree, q, limit: 30, sort: 'name' })),
  });
  const options = (members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }));
  if (value && valueLabel && !options.some((o) => o.value === value)) options.push({ value, label: valueLabel });
  return (
    <Select<string>
      id={id}
      showSearch
      filterOption={false}
      onSearch={setQ}
      value={value}
      onChange={onChange}
      allowClear={allowClear}
      placeholder={placeholder}
      loading={members.isFetching}
      options={options}
    />
  );
}
