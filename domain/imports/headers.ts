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

/** The national party-member information collection table (全国党员信息采集表) and the variants
 *  offices' own rosters use; 政治面貌 names the status (中共党员 / 中共预备党员). */
export const MEMBER_HEADERS: Record<MemberField, readonly string[]> = {
  name: ['姓名'],
  gender: ['性别'],
  ethnicity: ['民族'],
  birthDate: ['出生日期', '出生年月'],
  idNumber: ['公民身份号码', '身份证号', '身份证号码', '身份证'],
  education: ['学历', '学历层次', '文化程度', '最高学历'],
  joinedOn: ['入党时间', '入党日期', '预备党员日期', '成为预备党员日期', '加入党组织日期'],
  fullOn: ['转正时间', '转正日期', '转为正式党员日期', '正式党员日期'],
  category: ['人员类别'],
  status: ['党员状态', '党员类型', '政治面貌'],
  org: ['所在党组织', '所在党支部', '所属支部', '党支部', '所属党支部', '所在支部', '所属党组织'],
  partyGroup: ['党小组', '所在党小组'],
  phone: ['联系电话', '手机号码', '手机', '手机号', '移动电话'],
  jobTitle: ['工作单位及职务', '工作岗位', '职务', '岗位'],
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

/** Headers that number the rows; skipped without a word. */
const SKIPPED_HEADERS = ['序号', '编号'];

/** Columns of the national table and of offices' rosters that the roster does not keep: ignored
 *  with a notice that says so (unlike a header nobody knows, which the wizard offers to map). */
const NOT_KEPT_HEADERS: Record<ImportKind, readonly string[]> = {
  members: ['籍贯', '备注', '党籍状态', '是否为流动党员', '流动党员', '出生地', '婚姻状况', '家庭住址', '现居住地', '工作单位', '毕业院校', '专业', '学位', '职称'],
  orgs: ['备注'],
};

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
const SKIPPED = new Set(SKIPPED_HEADERS.map(normalizeHeader));
const NOT_KEPT = { members: new Set(NOT_KEPT_HEADERS.members.map(normalizeHeader)), orgs: new Set(NOT_KEPT_HEADERS.orgs.map(normalizeHeader)) };

/** Which field a header names, or null when it names none of this kind. */
export function fieldForHeader<K extends ImportKind>(kind: K, header: string): FieldOf<K> | null {
  return (INDEXES[kind] as Map<string, FieldOf<K>>).get(normalizeHeader(header)) ?? null;
}

export function isField<K extends ImportKind>(kind: K, name: string): name is FieldOf<K> {
  return (fieldsOf(kind) as readonly string[]).includes(name);
}

export interface HeaderMap<K extends ImportKind> {
  kind: K;
  /** field → the header exactly as it appears in the file */
  headerOf: Partial<Record<FieldOf<K>, string>>;
  /** header as in the file → field */
  fieldOf: Map<string, FieldOf<K>>;
}

/**
 * How a column was read: by the vocabulary, by the user's mapping (to a field, or field null: ignored
 * by choice), known but not kept, unknown (ignored; the wizard offers to map it), or naming a field an
 * earlier column already gives.
 */
export type ColumnSource = 'vocabulary' | 'mapping' | 'not_kept' | 'unknown' | 'duplicate';
export interface ColumnRead {
  header: string;
  field: string | null;
  source: ColumnSource;
}

/** A message of the catalog (domain/messages/imports.ts) with its parameters. */
export interface Coded {
  code: string;
  params: Record<string, string | number>;
}

export interface HeaderCheck<K extends ImportKind> {
  map: HeaderMap<K>;
  /** columns that cannot be derived and are missing: the file cannot be imported without them */
  missing: Coded[];
  /** columns ignored, each with a notice (`column` is the header as in the file) */
  notices: (Coded & { column: string })[];
  columns: ColumnRead[];
}

/** The user's reading of headers: normalized header → field, or null to ignore the column. */
export type HeaderMapping<K extends ImportKind> = ReadonlyMap<string, FieldOf<K> | null>;

/**
 * Maps a file's header row to fields: the user's mapping first, then the vocabulary. Nothing about
 * the headers refuses a file except a missing column that cannot be derived (name, organization,
 * joining date, and the ID-card number or the birth date); a column nobody knows is ignored with a
 * notice. `allowRootOrgs`: an organization file without 上级党组织 creates root organizations, which
 * only a global administrator may do.
 */
export function resolveHeaders<K extends ImportKind>(
  kind: K,
  headers: readonly string[],
  opts: { allowRootOrgs?: boolean; mapping?: HeaderMapping<K> } = {},
): HeaderCheck<K> {
  const headerOf: Partial<Record<FieldOf<K>, string>> = {};
  const fieldOf = new Map<string, FieldOf<K>>();
  const notices: HeaderCheck<K>['notices'] = [];
  const columns: ColumnRead[] = [];
  for (const raw of headers) {
    const header = raw.trim();
    const key = normalizeHeader(header);
    if (header === '' || SKIPPED.has(key)) continue;
    const mapped = opts.mapping?.get(key);
    if (mapped === null) {
      columns.push({ header, field: null, source: 'mapping' });
      notices.push({ code: 'import_column_ignored', params: {}, column: header });
      continue;
    }
    const field = mapped ?? fieldForHeader(kind, header);
    if (field === null) {
      const known = NOT_KEPT[kind].has(key);
      columns.push({ header, field: null, source: known ? 'not_kept' : 'unknown' });
      notices.push({ code: known ? 'import_column_not_kept' : 'import_column_unknown', params: {}, column: header });
      continue;
    }
    const earlier = headerOf[field];
    if (earlier !== undefined) {
      columns.push({ header, field, source: 'duplicate' });
      notices.push({ code: 'import_column_duplicate', params: { earlier }, column: header });
      continue;
    }
    columns.push({ header, field, source: mapped === undefined ? 'vocabulary' : 'mapping' });
    headerOf[field] = header;
    fieldOf.set(header, field);
  }

  const missing: Coded[] = [];
  const require = (field: FieldOf<K>) => {
    if (headerOf[field] === undefined) missing.push({ code: 'import_column_missing', params: { column: canonicalHeader(kind, field) } });
  };
  if (kind === 'members') {
    const m = headerOf as Partial<Record<MemberField, string>>;
    const req = require as (f: MemberField) => void;
    req('name');
    if (m.birthDate === undefined && m.idNumber === undefined) missing.push({ code: 'import_column_missing_id', params: {} });
    req('joinedOn');
    req('org');
  } else {
    const req = require as (f: OrgField) => void;
    req('name');
    req('type');
    if (!opts.allowRootOrgs) req('parent');
  }
  return { map: { kind, headerOf, fieldOf }, missing, notices, columns };
}

/** Headers a mapping may name, and how long each may be. */
export const MAX_MAPPED_HEADERS = 200;
const MAX_MAPPED_HEADER_LENGTH = 100;

/**
 * The mapping a request sends, `{"header as in the file": "field" | null}` as JSON, read into
 * normalized header → field (null: ignore the column); a target that is not a field of the kind is
 * refused, naming it.
 */
export function parseMapping<K extends ImportKind>(
  kind: K,
  json: string,
): { ok: true; mapping: Map<string, FieldOf<K> | null> } | { ok: false; code: string; params: Record<string, string> } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, code: 'import_mapping_json', params: {} };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, code: 'import_mapping_json', params: {} };
  const entries = Object.entries(parsed);
  if (entries.length > MAX_MAPPED_HEADERS) return { ok: false, code: 'import_mapping_json', params: {} };
  const mapping = new Map<string, FieldOf<K> | null>();
  for (const [header, field] of entries) {
    const key = normalizeHeader(header);
    if (key === '' || header.length > MAX_MAPPED_HEADER_LENGTH) return { ok: false, code: 'import_mapping_json', params: {} };
    if (field === null) mapping.set(key, null);
    else if (typeof field === 'string' && isField(kind, field)) mapping.set(key, field);
    else return { ok: false, code: 'import_mapping_field', params: { header, field: String(field) } };
  }
  return { ok: true, mapping };
}
