import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { UserListItem } from '../../../domain/schemas/users';
import { api, withQuery } from '../api/client';

interface Props {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
}

/** how long typing must pause before the server is asked */
const DEBOUNCE_MS = 300;
/** matches shown at a time: a name narrows them */
const SHOWN = 20;

const labelOf = (u: UserListItem) => (u.displayName ? `${u.displayName}（${u.username}）` : u.username);

/**
 * Picks accounts the caller administers, searched on the server by name or username as one types (the list of
 * accounts can be long, so it is never loaded whole). Names of accounts already picked stay shown while another
 * search runs.
 */
export default function UserSelect({ id, value, onChange, placeholder }: Props) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const users = useQuery({
    queryKey: ['users', 'select', q],
    queryFn: () => api<{ items: UserListItem[] }>(withQuery('/users', { q: q || undefined, disabled: false, limit: SHOWN })),
    placeholderData: keepPreviousData,
  });
  const known = useRef(new Map<string, string>());
  for (const u of users.data?.items ?? []) known.current.set(u.id, labelOf(u));
  const options = (users.data?.items ?? []).map((u) => ({ value: u.id, label: labelOf(u) }));
  for (const picked of value ?? []) if (!options.some((o) => o.value === picked)) options.push({ value: picked, label: known.current.get(picked) ?? picked });
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      showSearch
      filterOption={false}
      searchValue={typed}
      onSearch={setTyped}
      // a picked account clears the search, ready for the next name
      onSelect={() => setTyped('')}
      value={value}
      onChange={onChange}
      loading={users.isFetching}
      options={options}
      placeholder={users.isError ? users.error.message : placeholder}
    />
  );
}
