import type { AccessRole } from '../enums';
import { localDateTime } from '../signInWindow';
import { ACCESS_ROLE_LABELS } from '../users/labels';
import { AUDIT_FIELDS, auditLabel, isTechnicalField } from './labels';

// What an event changed, as one line of text for a file (the audit export): each field by its label,
// `before → after`, or the content alone for a record created or removed; ids by name, instants in the
// installation's time zone, roles by name. The audit page shows the same per field in a table
// (web/src/features/audit/AuditChanges.tsx).

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const fieldText = (field: string) => auditLabel(AUDIT_FIELDS, field, 'zh') ?? field;

export function valueText(value: unknown, names: ReadonlyMap<string, string>, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const name = names.get(value);
    if (name) return name;
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return localDateTime(value, timeZone);
    return value;
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => valueText(v, names, timeZone)).join('；') : '—';
  if (isRecord(value)) {
    // a grant: 书记 · 甲公司第一党支部
    if (typeof value.role === 'string' && 'orgId' in value) {
      const role = ACCESS_ROLE_LABELS[value.role as AccessRole]?.zh ?? value.role;
      return `${role} · ${value.orgId === null ? '全部组织' : valueText(value.orgId, names, timeZone)}`;
    }
    return Object.entries(value)
      .filter(([k, v]) => v !== null && v !== undefined && !isTechnicalField(k))
      .map(([k, v]) => `${fieldText(k)}：${valueText(v, names, timeZone)}`)
      .join('，');
  }
  return JSON.stringify(value) ?? '—';
}

/** `字段：之前 → 之后` per changed field, joined by newlines; unchanged fields are left out. */
export function changesText(before: unknown, after: unknown, names: ReadonlyMap<string, string>, timeZone: string): string {
  const text = (v: unknown) => valueText(v, names, timeZone);
  if (!isRecord(before) && !isRecord(after)) {
    if ((before ?? null) === null && (after ?? null) === null) return '';
    return (before ?? null) === null ? text(after) : `${text(before)} → ${text(after)}`;
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const oneSided = !isRecord(before) || !isRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !isTechnicalField(f));
  const lines: string[] = [];
  for (const field of fields) {
    const was = text(b[field]);
    const is = text(a[field]);
    if (oneSided) {
      const content = isRecord(after) ? is : was;
      if (content !== '—') lines.push(`${fieldText(field)}：${content}`);
    } else if (was !== is) lines.push(`${fieldText(field)}：${was} → ${is}`);
  }
  return lines.join('\n');
}
