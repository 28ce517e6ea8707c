import { DatePicker, Segmented, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { parsePeriod, periodContaining, type PeriodKind } from '../../../../domain/periods';

/** Picks a year, quarter or month; the value is its label ('2025', '2025-Q3', '2025-08'). */
export default function PeriodPicker({
  value,
  onChange,
}: {
  value: string;
  onChange: (period: string) => void;
}) {
  const { t } = useTranslation();
  const period = parsePeriod(value);
  const pick = (kind: PeriodKind, date: Dayjs) =>
    onChange(periodContaining(date.format('YYYY-MM-DD'), kind).label);
  return (
    <Space wrap size={8}>
      <Segmented<PeriodKind>
        aria-label={t('pairing.health.periodKind')}
        value={period.kind}
        onChange={(kind) => pick(kind, dayjs(period.start))}
        options={(['month', 'quarter', 'year'] as const).map((k) => ({
          value: k,
          label: t(`pairing.kind.${k}`),
        }))}
      />
      <DatePicker
        aria-label={t('pairing.health.period')}
        picker={period.kind}
        value={dayjs(period.start)}
        allowClear={false}
        format={() => period.label}
        onChange={(d) => d && pick(period.kind, d)}
      />
    </Space>
  );
}
