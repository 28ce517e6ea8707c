import type { TFunction } from 'i18next';
import { AUDIT_ACTIONS, AUDIT_FIELDS, AUDIT_SUBJECTS, auditLabel, isTechnicalField } from '../../../../domain/audit/labels';
import type { Lang } from '../../../../domain/messages/text';
import { formatDate, formatDateTime } from '../../i18n/dates';

// How the audit page words an event: the labels come from domain/audit/labels.ts (tested against
// the server's codes); values are shown as a person reads them (dates formatted, ids as names,
// enum values through the enums of the interface's texts).

export const langOf = (language: string): Lang => (language === 'en' ? 'en' : 'zh');

export const actionText = (code: string, lang: Lang) => auditLabel(AUDIT_ACTIONS, code, lang) ?? code;
export const subjectText = (type: string, lang: Lang) => auditLabel(AUDIT_SUBJECTS, type, lang) ?? type;
export const fieldText = (field: string, lang: Lang) => auditLabel(AUDIT_FIELDS, field, lang) ?? field;

/** Where an object opens in the web app; null when it has no page. */
export function subjectLink(e: { subjectType: string; subjectId: string; subjectName: string | null; orgId: string | null }): string | null {
  const id = encodeURIComponent(e.subjectId);
  switch (e.subjectType) {
    case 'org':
      return `/orgs?org=${id}`;
    case 'member':
      // the roster opens at the member's organization (it has no page per member)
      return e.orgId ? `/members?org=${encodeURIComponent(e.orgId)}` : null;
    case 'user':
      return e.subjectName ? `/users?q=${encodeURIComponent(e.subjectName)}` : null;
    case 'activity':
      return `/activities?activity=${id}`;
    case 'pairing':
      return `/pairings/${id}`;
    case 'demand':
      return `/demands?demand=${id}`;
    case 'secretary_project':
      return `/projects/${id}`;
    case 'project_campaign':
      return `/projects?campaign=${id}`;
    case 'assessment':
      return `/assessments/${id}`;
    default:
      return null;
  }
}

/** The enum tables (web i18n `enums.*`) a field's values may come from, by object type. */
function enumTables(field: string, subjectType: string): string[] {
  switch (field) {
    case 'role':
      return ['accessRole'];
    case 'type':
      return subjectType === 'activity' ? ['activityType'] : ['orgType', 'activityType'];
    case 'state':
      return { activity: ['activityState'], pairing: ['pairingState'], demand: ['demandState'], secretary_project: ['projectStatus'] }[subjectType] ?? [];
    case 'status':
      return subjectType === 'member' ? ['memberStatus'] : ['itemStatus', 'memberStatus'];
    case 'category':
      return subjectType === 'member' ? ['memberCategory'] : ['pairingCategory', 'memberCategory'];
    case 'gender':
    case 'education':
    case 'sector':
    case 'urgency':
      return [field];
    default:
      return [];
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export interface ValueContext {
  t: TFunction;
  lang: Lang;
  exists: (key: string) => boolean;
  names: Record<string, string>;
  subjectType: string;
}

/** One value of a changed field as text: names for ids, formatted dates, labelled enum values. */
export function valueText(field: string, value: unknown, c: ValueContext): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return c.t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const name = c.names[value];
    if (name) return name;
    if (DAY.test(value)) return formatDate(value);
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(value);
    for (const table of enumTables(field, c.subjectType)) {
      const key = `enums.${table}.${value}`;
      if (c.exists(key)) return c.t(key);
    }
    return value;
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => valueText(field, v, c)).join('；') : '—';
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // a grant: 书记 · 甲公司第一党支部
    if (typeof record.role === 'string' && 'orgId' in record) {
      const where = record.orgId === null ? c.t('users.everywhere') : valueText('orgId', record.orgId, c);
      return `${valueText('role', record.role, c)} · ${where}`;
    }
    return Object.entries(record)
      .filter(([k, v]) => v !== null && v !== undefined && !isTechnicalField(k))
      .map(([k, v]) => `${fieldText(k, c.lang)}：${valueText(k, v, c)}`)
      .join('，');
  }
  return JSON.stringify(value) ?? '—';
}
