import { Alert, Button, Card, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldsOf, type ImportKind } from '../../../../domain/imports/headers';
import type { ImportColumn } from '../../../../domain/imports/report';

/** header as in the file → field, or null to ignore the column */
export type ColumnMapping = Record<string, string | null>;

/** What a Select shows for "ignore" (a Select option cannot carry null). */
const IGNORE = '';

/**
 * The wizard step for headers the server did not recognize (and those read by a mapping before):
 * each one is given a field or ignored, and the file is checked again with that reading.
 */
export default function ImportColumnMapper({
  kind,
  columns,
  mapping,
  onChange,
  onRecheck,
}: {
  kind: ImportKind;
  columns: ImportColumn[];
  mapping: ColumnMapping;
  onChange: (next: ColumnMapping) => void;
  onRecheck: () => void;
}) {
  const { t } = useTranslation();
  const options = [
    ...fieldsOf(kind).map((field) => ({ value: field, label: t(kind === 'members' ? `member.${field}` : `org.${field}`) })),
    { value: IGNORE, label: t('import.mapIgnore') },
  ];
  const valueOf = (column: ImportColumn): string | undefined => {
    const chosen = mapping[column.header];
    if (chosen !== undefined) return chosen ?? IGNORE;
    return column.source === 'mapping' ? (column.field ?? IGNORE) : undefined;
  };
  return (
    <Card size="small" title={t('import.mapTitle')} className="import-mapper">
      <Alert type="info" showIcon message={t('import.mapHint')} className="modal-alert" />
      <Form layout="vertical">
        {columns.map((column) => (
          <Form.Item key={column.header} label={column.header} htmlFor={`map-${column.header}`}>
            <Select
              id={`map-${column.header}`}
              aria-label={column.header}
              placeholder={t('import.mapChoose')}
              options={options}
              value={valueOf(column)}
              onChange={(value: string) => onChange({ ...mapping, [column.header]: value === IGNORE ? null : value })}
              showSearch
              optionFilterProp="label"
            />
          </Form.Item>
        ))}
      </Form>
      <Button type="primary" onClick={onRecheck}>
        {t('import.mapRecheck')}
      </Button>
    </Card>
  );
}
