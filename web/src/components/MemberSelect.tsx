import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, withQuery } from '../api/client';
import type { Page } from '../api/types';
import type { Member } from '../../../domain/schemas/members';

interface Props {
  orgId: string;
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  placeholder?: string;
}

/** Picks a member of one organization, searching by name on the server. */
export default function MemberSelect({ orgId, value, onChange, id, placeholder }: Props) {
  const [q, setQ] = useState('');
  const members = useQuery({
    queryKey: ['members', 'select', orgId, q],
    queryFn: () =>
      api<Page<Member>>(withQuery('/members', { org: orgId, subtree: false, q, limit: 30, sort: 'name' })),
  });
  return (
    <Select<string>
      id={id}
      showSearch
      filterOption={false}
      onSearch={setQ}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      loading={members.isFetching}
      options={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
    />
  );
}
