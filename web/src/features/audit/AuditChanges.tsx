import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { AuditEvent as AuditEventSchema } from '../../../../domain/schemas/audit';
import { isTechnicalField } from '../../../../domain/audit/labels';
import { fieldText, langOf, valueText, type ValueContext } from './auditText';

type AuditEvent = Static<typeof AuditEventSchema>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Row {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

/** What an event changed, field by field in the reader's language; changed fields are highlighted. */
export default function AuditChanges({ event, names }: { event: AuditEvent; names: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const c: ValueContext = { t, lang, names, subjectType: event.subjectType, exists: (key) => i18n.exists(key) };
  const { before, after } = event;
  const fields = [...new Set([...Object.keys(isRecord(before) ? before : {}), ...Object.keys(isRecord(after) ? after : {})])].filter((f) => !isTechnicalField(f));
  const pick = (record: unknown, field: string) => (isRecord(record) ? record[field] : undefined);
  let rows: Row[] =
    isRecord(before) || isRecord(after)
      ? fields.map((field) => {
          const b = valueText(field, pick(before, field), c);
          const a = valueText(field, pick(after, field), c);
          return { field: fieldText(field, lang), before: b, after: a, changed: a !== b };
        })
      : (before ?? null) === null && (after ?? null) === null
        ? []
        : [{ field: '—', before: valueText('', before, c), after: valueText('', after, c), changed: true }];
  // a record created or removed has one side only: show it as the content, without its empty fields
  const oneSided = (before ?? null) === null || (after ?? null) === null;
  if (oneSided) rows = rows.filter((r) => r.before !== '—' || r.after !== '—');
  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.noDiff')}</Typography.Text>;
  return (
    <Table<Row>
      className="audit-changes"
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      rowClassName={(r) => (r.changed && !oneSided ? 'diff-changed' : '')}
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: 140 },
        ...(oneSided
          ? [{ title: t('audit.content'), dataIndex: (before ?? null) === null ? 'after' : 'before' }]
          : [
              { title: t('audit.before'), dataIndex: 'before' },
              { title: t('audit.after'), dataIndex: 'after' },
            ]),
      ]}
    />
  );
}
