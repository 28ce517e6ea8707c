// The column headers of member and organization spreadsheets, as offices write them.
// The first Chinese name of each field is the canonical header (templates and exports use it);
// the English field name is accepted too, case-insensitively.

export type ImportKind = 'members' | 'orgs';

export const MEMBER_FIELDS = [
  'name',
  'gender',
  'ethnicity',
  'birthDate',
  'idNumber',
  'education',
  'joinedOn',
  'fullOn',
  'category',
  'status',
  'org',
  'partyGroup',
  'phone',
  'jobTitle',
] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

export const ORG_FIELDS = [
  'name',
  'shortName',
  'code',
  'type',
  'parent',
  'hostUnit',
  'sector',
  'foundedOn',
  'contactName',
  'contactPhone',
] as const;
export type OrgField = (typeof ORG_FIELDS)[number];

export type FieldOf<K extends ImportKind> = K extends 'members' ? MemberField : OrgField;

export const MEMBER_HEADERS: Record<MemberField, readonly string[]> = {
  name: ['姓名'],
  gender: ['性别'],
  ethnicity: ['民族'],
  birthDate: ['出生日期', '出生年月'],
  idNumber: ['公民身份号码', '身份证号', '身份证号码'],
  education: ['学历'],
  joinedOn: ['入党时间', '入党日期'],
  fullOn: ['转正时间', '转正日期'],
  category: ['人员类别'],
  status: ['党员状态', '党员类型'],
  org: ['所在党组织', '所在党支部'],
  partyGroup: ['党小组'],
  phone: ['联系电话', '手机号码'],
  jobTitle: ['工作单位及职务'],
};

export const ORG_HEADERS: Record<OrgField, readonly string[]> = {
  name: ['党组织名称', '组织名称'],
  shortName: ['简称'],
  code: ['组织编码'],
  type: ['党组织类别', '组织类型'],
  parent: ['上级党组织'],
  hostUnit: ['单位名称', '所在单位'],
  sector: ['单位类别'],
  foundedOn: ['成立日期'],
  contactName: ['联系人'],
  contactPhone: ['联系电话'],
};

/** Headers that offices add for their own use; they are read and ignored. */
const IGNORED_HEADERS = ['序号'];

export function fieldsOf<K extends ImportKind>(kind: K): readonly FieldOf<K>[] {
  return (kind === 'members' ? MEMBER_FIELDS : ORG_FIELDS) as readonly FieldOf<K>[];
}

export function headerNamesOf<K extends ImportKind>(kind: K): Record<FieldOf<K>, readonly string[]> {
  return (kind === 'members' ? MEMBER_HEADERS : ORG_HEADERS) as Record<FieldOf<K>, readonly string[]>;
}

/** The header a template or an export writes for a field. */
export function canonicalHeader<K extends ImportKind>(kind: K, field: FieldOf<K>): string {
  const names = headerNamesOf(kind)[field];
  return names[0] ?? field;
}

/** Header text as compared: trimmed, without spaces, full-width colons or asterisks, lower case. */
export function normalizeHeader(raw: string): string {
  return raw
    .normalize('NFKC') // full-width letters, colons and asterisks become their ASCII forms
    .replace(/[\s\u3000:：*＊_-]/g, '')
    .toLowerCase();
}

function buildIndex<K extends ImportKind>(kind: K): Map<string, FieldOf<K>> {
  const index = new Map<string, FieldOf<K>>();
  const names = headerNamesOf(kind);
  for (const field of fieldsOf(kind)) {
    index.set(normalizeHeader(field), field);
    for (const name of names[field]) index.set(normalizeHeader(name), field);
  }
  return index;
}

const INDEXES = { members: buildIndex('members'), orgs: buildIndex('orgs') };
const IGNORED = new Set(IGNORED_HEADERS.map(normalizeHeader));

/** Which field a header names, or null when it names none of this kind. */
export function fieldForHeader<K extends ImportKind>(kind: K, header: string): FieldOf<K> | null {
  return (INDEXES[kind] as Map<string, FieldOf<K>>).get(normalizeHeader(header)) ?? null;
}

export interface HeaderMap<K extends ImportKind> {
  kind: K;
  /** field → the header exactly as it appears in the file */
  headerOf: Partial<Record<FieldOf<K>, string>>;
  /** header as in the file → field */
  fieldOf: Map<string, FieldOf<K>>;
}

export interface HeaderCheck<K extends ImportKind> {
  map: HeaderMap<K>;
  /** file-level problems, each naming the header; empty when the file can be read */
  errors: string[];
}

/**
 * Maps a file's header row to fields. Unknown headers, a field given twice and missing required
 * headers are file-level errors. `allowRootOrgs`: an organization file without 上级党组织 creates
 * root organizations, which only a global administrator may do.
 */
export function resolveHeaders<K extends ImportKind>(
  kind: K,
  headers: readonly string[],
  opts: { allowRootOrgs?: boolean } = {},
): HeaderCheck<K> {
  const errors: string[] = [];
  const headerOf: Partial<Record<FieldOf<K>, string>> = {};
  const fieldOf = new Map<string, FieldOf<K>>();
  for (const raw of headers) {
    const header = raw.trim();
    if (header === '' || IGNORED.has(normalizeHeader(header))) continue;
    const field = fieldForHeader(kind, header);
    if (field === null) {
      errors.push(`无法识别的列：“${header}”`);
      continue;
    }
    const earlier = headerOf[field];
    if (earlier !== undefined) {
      errors.push(earlier === header ? `列“${header}”出现了两次` : `列“${earlier}”和“${header}”重复（同一项）`);
      continue;
    }
    headerOf[field] = header;
    fieldOf.set(header, field);
  }

  const missing = (field: FieldOf<K>) => headerOf[field] === undefined;
  const require = (field: FieldOf<K>) => {
    if (missing(field)) errors.push(`缺少必需的列：“${canonicalHeader(kind, field)}”`);
  };
  if (kind === 'members') {
    const m = headerOf as Partial<Record<MemberField, string>>;
    const req = require as (f: MemberField) => void;
    req('name');
    if (m.birthDate === undefined && m.idNumber === undefined) {
      errors.push('缺少必需的列：“出生日期”或“公民身份号码”（至少一列）');
    }
    req('joinedOn');
    req('status');
    req('category');
    req('org');
  } else {
    const req = require as (f: OrgField) => void;
    req('name');
    req('type');
    if (!opts.allowRootOrgs) req('parent');
  }
  return { map: { kind, headerOf, fieldOf }, errors };
}
