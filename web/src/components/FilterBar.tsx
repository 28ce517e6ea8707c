import { Button, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './list.css';

/** The filters above a list, wrapping on a phone, with a reset once any is set. */
export function FilterBar(props: {
  children: ReactNode;
  active: boolean;
  onReset: () => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const { children, active, onReset } = props;
  return (
    <div className={`toolbar filter-bar ${props.className ?? ''}`}>
      {children}
      {active && (
        <Button type="link" onClick={onReset}>
          {t('common.reset')}
        </Button>
      )}
    </div>
  );
}

/** One coded filter: its values named through i18n (`labelKey` + value), cleared to undefined. */
export function EnumFilter<V extends string>(props: {
  label: string;
  values: readonly V[];
  labelKey: string;
  value: V | undefined;
  onChange: (value: V | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select<V>
      allowClear
      className="filter-bar-select"
      placeholder={props.label}
      aria-label={props.label}
      value={props.value}
      onChange={(v) => props.onChange(v ?? undefined)}
      options={props.values.map((v) => ({ value: v, label: t(`${props.labelKey}.${v}`) }))}
    />
  );
}
