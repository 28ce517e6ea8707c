import { Select } from 'antd';
import { useState } from 'react';
import type { Pairing } from '../../../../domain/schemas/pairings';
import { usePairing, usePairingList, type PairingFilters } from './pairingQueries';

interface Props {
  value?: string | null;
  onChange?: (value: string | null, pairing: Pairing | null) => void;
  id?: string;
  placeholder?: string;
  className?: string;
  allowClear?: boolean;
  disabled?: boolean;
  /** which pairings to offer (searched by title on the server) */
  filters?: PairingFilters;
  /** a further choice among them, e.g. those the user acts for */
  offer?: (pairing: Pairing) => boolean;
  'aria-label'?: string;
}

/** Picks a pairing by title; the current one keeps its label even when it is not among those offered. */
export default function PairingSelect({ value, onChange, filters = {}, offer = () => true, ...rest }: Props) {
  const [q, setQ] = useState('');
  const list = usePairingList({ ...filters, q: q.trim() || undefined }, 0, 50);
  const offered = (list.data?.items ?? []).filter(offer);
  const current = usePairing(value && !offered.some((p) => p.id === value) ? value : null);
  const all = current.data ? [current.data, ...offered] : offered;
  return (
    <Select<string>
      {...rest}
      showSearch
      filterOption={false}
      onSearch={setQ}
      value={value ?? undefined}
      onChange={(id?: string) => onChange?.(id ?? null, all.find((p) => p.id === id) ?? null)}
      loading={list.isFetching}
      popupMatchSelectWidth={false}
      options={all.map((p) => ({ value: p.id, label: p.title }))}
    />
  );
}
