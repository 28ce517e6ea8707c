import { ACTIVITY_TYPE_LABELS } from '../activityLabels';
import type { AccessRole, ActivityType } from '../enums';
import { CATEGORY_LABELS, EDUCATION_LABELS, GENDER_LABELS, ORG_TYPE_LABELS, SECTOR_LABELS, STATUS_LABELS } from '../imports/cells';
import { labelText } from '../messages/registry';
import { localDateTime } from '../signInWindow';
import { ACCESS_ROLE_LABELS } from '../users/labels';
import { AUDIT_FIELDS, auditLabel, isTechnicalField } from './labels';

// What an event changed, as one line of text for a file (the audit export): each field by its label,
// `before → after`, or the content alone for a record created or removed; ids by name, instants in the
// installation's time zone, coded values (roles, states, a member's status…) in words. The audit page shows the same
// per field in a table (web/src/features/audit/AuditChanges.tsx, its enums from the web app's texts); here the words
// are the server's own tables, chosen by field and object type as the page chooses them.

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const fieldText = (field: string) => auditLabel(AUDIT_FIELDS, field, 'zh') ?? field;

/** what the import and export write for a member's or an organization's code (the first of its labels) */
const cellLabel = (labels: Record<string, readonly string[]>, code: string) => (Object.hasOwn(labels, code) ? labels[code]![0] : undefined);
const STATE_TABLES: Record<string, string> = { activity: 'activityState', pairing: 'pairingState', demand: 'demandState', secretary_project: 'projectState', assessment: 'assessmentState' };

/** A coded value in words, or undefined when the field holds no code known for this object type. */
function codeText(field: string, code: string, subjectType: string): string | undefined {
  switch (field) {
    case 'role':
      return Object.hasOwn(ACCESS_ROLE_LABELS, code) ? ACCESS_ROLE_LABELS[code as AccessRole].zh : undefined;
    case 'gender':
      return cellLabel(GENDER_LABELS, code);
    case 'education':
      return cellLabel(EDUCATION_LABELS, code);
    case 'sector':
      return cellLabel(SECTOR_LABELS, code);
    case 'status':
      if (subjectType === 'member') return cellLabel(STATUS_LABELS, code);
      // a pairing's need or resource, or its joint project (their codes do not overlap)
      if (subjectType === 'pairing') return labelText('pairingItemStatus', code, 'zh') ?? labelText('jointProjectStatus', code, 'zh');
      return undefined;
    case 'category':
      return subjectType === 'member' ? cellLabel(CATEGORY_LABELS, code) : labelText('pairingCategory', code, 'zh');
    case 'type':
      if (subjectType === 'activity') return Object.hasOwn(ACTIVITY_TYPE_LABELS, code) ? ACTIVITY_TYPE_LABELS[code as ActivityType].zh : undefined;
      return cellLabel(ORG_TYPE_LABELS, code);
    case 'state':
      return Object.hasOwn(STATE_TABLES, subjectType) ? labelText(STATE_TABLES[subjectType]!, code, 'zh') : undefined;
    case 'urgency':
      return labelText('urgency', code, 'zh');
    default:
      return undefined;
  }
}

interface Words {
  names: ReadonlyMap<string, string>;
  timeZone: string;
  subjectType: string;
}

function valueText(field: string, value: unknown, w: Words): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const name = w.names.get(value);
    if (name) return name;
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return localDateTime(value, w.timeZone);
    return codeText(field, value, w.subjectType) ?? value;
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => valueText(field, v, w)).join('；') : '—';
  if (isRecord(value)) {
    // a grant: 书记 · 甲公司第一党支部
    if (typeof value.role === 'string' && 'orgId' in value) {
      return `${valueText('role', value.role, w)} · ${value.orgId === null ? '全部组织' : valueText('orgId', value.orgId, w)}`;
    }
    return Object.entries(value)
      .filter(([k, v]) => v !== null && v !== undefined && !isTechnicalField(k))
      .map(([k, v]) => `${fieldText(k)}：${valueText(k, v, w)}`)
      .join('，');
  }
  return JSON.stringify(value) ?? '—';
}

/** `字段：之前 → 之后` per changed field, joined by newlines; unchanged fields are left out. */
export function changesText(before: unknown, after: unknown, names: ReadonlyMap<string, string>, timeZone: string, subjectType: string): string {
  const w: Words = { names, timeZone, subjectType };
  if (!isRecord(before) && !isRecord(after)) {
    if ((before ?? null) === null && (after ?? null) === null) return '';
    return (before ?? null) === null ? valueText('', after, w) : `${valueText('', before, w)} → ${valueText('', after, w)}`;
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const oneSided = !isRecord(before) || !isRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !isTechnicalField(f));
  const lines: string[] = [];
  for (const field of fields) {
    const was = valueText(field, b[field], w);
    const is = valueText(field, a[field], w);
    if (oneSided) {
      const content = isRecord(after) ? is : was;
      if (content !== '—') lines.push(`${fieldText(field)}：${content}`);
    } else if (was !== is) lines.push(`${fieldText(field)}：${was} → ${is}`);
  }
  return lines.join('\n');
}
