import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

interface Row {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** Field-by-field comparison of an audit event's before and after states; changed fields are highlighted. */
export default function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  if ((before ?? null) === null && (after ?? null) === null) {
    return <Typography.Text type="secondary">{t('audit.noDiff')}</Typography.Text>;
  }
  const rows: Row[] =
    isRecord(before) || isRecord(after)
      ? [
          ...new Set([
            ...Object.keys(isRecord(before) ? before : {}),
            ...Object.keys(isRecord(after) ? after : {}),
          ]),
        ].map((field) => {
          const b = isRecord(before) ? before[field] : undefined;
          const a = isRecord(after) ? after[field] : undefined;
          return { field, before: b, after: a, changed: show(a) !== show(b) };
        })
      : [{ field: '—', before, after, changed: show(before) !== show(after) }];
  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.noDiff')}</Typography.Text>;
  return (
    <Table<Row>
      className="json-diff"
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      rowClassName={(r) => (r.changed ? 'diff-changed' : '')}
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: 180 },
        { title: t('audit.before'), dataIndex: 'before', render: (v: unknown) => <pre>{show(v)}</pre> },
        { title: t('audit.after'), dataIndex: 'after', render: (v: unknown) => <pre>{show(v)}</pre> },
      ]}
    />
  );
}
