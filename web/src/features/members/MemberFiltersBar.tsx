import { Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import EnumSelect from '../../components/EnumSelect';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { EDUCATIONS, GENDERS, MEMBER_CATEGORIES, MEMBER_STATUSES } from '../../../../domain/enums';
import type { MemberFilters } from './memberQueries';

const SORTS: NonNullable<MemberFilters['sort']>[] = ['name', 'joinedOn', 'birthDate'];

interface Props {
  filters: MemberFilters;
  onChange: (filters: MemberFilters) => void;
  scopeId: string | null;
}

export default function MemberFiltersBar({ filters, onChange, scopeId }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof MemberFilters>(key: K, value: MemberFilters[K] | null) =>
    onChange({ ...filters, [key]: value ?? undefined });
  const any = t('member.anyValue');

  return (
    <div className="toolbar member-filters">
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
        className="member-filter-q"
        allowClear
        placeholder={t('member.searchPlaceholder')}
        aria-label={t('member.searchPlaceholder')}
        defaultValue={filters.q}
        onSearch={(q) => set('q', q.trim() || undefined)}
      />
      <EnumSelect
        enumName="memberStatus"
        values={MEMBER_STATUSES}
        allowClear
        placeholder={`${t('member.status')}: ${any}`}
        value={filters.status}
        onChange={(v) => set('status', v as MemberFilters['status'])}
        className="member-filter-select"
      />
      <EnumSelect
        enumName="memberCategory"
        values={MEMBER_CATEGORIES}
        allowClear
        placeholder={`${t('member.category')}: ${any}`}
        value={filters.category}
        onChange={(v) => set('category', v as MemberFilters['category'])}
        className="member-filter-select"
      />
      <EnumSelect
        enumName="gender"
        values={GENDERS}
        allowClear
        placeholder={`${t('member.gender')}: ${any}`}
        value={filters.gender}
        onChange={(v) => set('gender', v as MemberFilters['gender'])}
        className="member-filter-small"
      />
      <EnumSelect
        enumName="education"
        values={EDUCATIONS}
        allowClear
        placeholder={`${t('member.education')}: ${any}`}
        value={filters.education}
        onChange={(v) => set('education', v as MemberFilters['education'])}
        className="member-filter-select"
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
        <EnumSelect
          enumName="order"
          values={['asc', 'desc']}
          value={filters.order ?? 'asc'}
          onChange={(v) => set('order', v as MemberFilters['order'])}
          className="member-filter-small"
          aria-label={t('member.sort')}
        />
      </Space>
    </div>
  );
}
