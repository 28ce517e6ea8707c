import { Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EnumFilter, FilterBar } from '../../components/FilterBar';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import {
  EDUCATIONS,
  GENDERS,
  MEMBER_CATEGORIES,
  MEMBER_STATUSES,
  type Education,
  type Gender,
  type MemberCategory,
  type MemberStatus,
} from '../../../../domain/enums';
import type { MemberFilters } from './memberQueries';

const SORTS: NonNullable<MemberFilters['sort']>[] = ['name', 'joinedOn', 'birthDate'];

interface Props {
  filters: MemberFilters;
  onChange: (filters: MemberFilters) => void;
  scopeId: string | null;
}

/** The filters that narrow the list; the organization, the subtree switch and the order are where to look, not filters. */
const NARROWING = ['q', 'status', 'category', 'gender', 'education', 'ageMin', 'ageMax', 'joinedFrom', 'joinedTo'] as const;

export default function MemberFiltersBar({ filters, onChange, scopeId }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof MemberFilters>(key: K, value: MemberFilters[K] | null) =>
    onChange({ ...filters, [key]: value ?? undefined });

  return (
    <FilterBar
      className="member-filters"
      active={NARROWING.some((key) => filters[key] !== undefined)}
      onReset={() => onChange({ org: filters.org, subtree: filters.subtree, sort: filters.sort, order: filters.order })}
    >
      <OrgTreeSelect
        className="member-filter-org"
        rootId={scopeId}
        value={filters.org ?? null}
        onChange={(org) => set('org', org)}
        placeholder={t('member.org')}
        allowClear
      />
      <Space size={4}>
        <Switch
          size="small"
          checked={filters.subtree !== false}
          onChange={(on) => set('subtree', on)}
          aria-label={t('member.subtree')}
        />
        <Typography.Text>{t('member.subtree')}</Typography.Text>
      </Space>
      <Input.Search
        // a new search or a reset shows its own text
        key={filters.q ?? ''}
        className="member-filter-q"
        allowClear
        placeholder={t('member.searchPlaceholder')}
        aria-label={t('member.searchPlaceholder')}
        defaultValue={filters.q}
        onSearch={(q) => set('q', q.trim() || undefined)}
      />
      <EnumFilter<MemberStatus>
        label={t('member.status')}
        values={MEMBER_STATUSES}
        labelKey="enums.memberStatus"
        value={filters.status}
        onChange={(v) => set('status', v)}
      />
      <EnumFilter<MemberCategory>
        label={t('member.category')}
        values={MEMBER_CATEGORIES}
        labelKey="enums.memberCategory"
        value={filters.category}
        onChange={(v) => set('category', v)}
      />
      <EnumFilter<Gender>
        label={t('member.gender')}
        values={GENDERS}
        labelKey="enums.gender"
        value={filters.gender}
        onChange={(v) => set('gender', v)}
      />
      <EnumFilter<Education>
        label={t('member.education')}
        values={EDUCATIONS}
        labelKey="enums.education"
        value={filters.education}
        onChange={(v) => set('education', v)}
      />
      <Space size={4}>
        <Typography.Text>{t('member.ageRange')}</Typography.Text>
        <InputNumber
          min={0}
          max={150}
          value={filters.ageMin}
          onChange={(v) => set('ageMin', v)}
          aria-label={`${t('member.ageRange')} ${t('member.from')}`}
          className="member-filter-number"
        />
        <Typography.Text>–</Typography.Text>
        <InputNumber
          min={0}
          max={150}
          value={filters.ageMax}
          onChange={(v) => set('ageMax', v)}
          aria-label={`${t('member.ageRange')} ${t('member.to')}`}
          className="member-filter-number"
        />
      </Space>
      <Space size={4}>
        <Typography.Text>{t('member.joinedRange')}</Typography.Text>
        <InputNumber
          min={1921}
          max={2100}
          value={filters.joinedFrom}
          onChange={(v) => set('joinedFrom', v)}
          aria-label={`${t('member.joinedRange')} ${t('member.from')}`}
          className="member-filter-year"
        />
        <Typography.Text>–</Typography.Text>
        <InputNumber
          min={1921}
          max={2100}
          value={filters.joinedTo}
          onChange={(v) => set('joinedTo', v)}
          aria-label={`${t('member.joinedRange')} ${t('member.to')}`}
          className="member-filter-year"
        />
      </Space>
      <Space size={4}>
        <Typography.Text>{t('member.sort')}</Typography.Text>
        <Select
          value={filters.sort ?? 'name'}
          onChange={(v) => set('sort', v)}
          options={SORTS.map((s) => ({ value: s, label: t(`member.${s}`) }))}
          className="member-filter-small"
          aria-label={t('member.sort')}
        />
        <Select
          value={filters.order ?? 'asc'}
          onChange={(v) => set('order', v)}
          options={(['asc', 'desc'] as const).map((o) => ({ value: o, label: t(`enums.order.${o}`) }))}
          className="member-filter-small"
          aria-label={t('member.order')}
        />
      </Space>
    </FilterBar>
  );
}
