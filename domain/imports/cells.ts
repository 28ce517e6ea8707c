// Normalizes one spreadsheet row into the shape the member and organization services take.
// Pure: no I/O. Every problem becomes {column, code, params, message}, naming the column as the
// file spells it; the message is the Chinese text (the report words the code in the caller's language).

import { addYears, isValidDate } from '../dates';
import {
  EDUCATIONS,
  GENDERS,
  MEMBER_CATEGORIES,
  MEMBER_STATUSES,
  ORG_TYPES,
  SECTORS,
  type Education,
  type Gender,
  type MemberCategory,
  type MemberStatus,
  type OrgType,
  type Sector,
} from '../enums';
import { parseIdCard } from '../idcard';
import { messageText } from '../messages/registry';
import type { MessageParams } from '../messages/text';
import { officialEthnicity } from './ethnicities';
import type { MemberCreate } from '../schemas/members';
import type { OrgCreate } from '../schemas/orgs';
import { canonicalHeader, type FieldOf, type HeaderMap, type ImportKind, type MemberField, type OrgField } from './headers';

export interface CellError {
  column: string;
  /** a code of the catalog (domain/messages/imports.ts and the services' catalogs) and its parameters */
  code: string;
  params: MessageParams;
  /** the Chinese text of the code */
  message: string;
}

/** A problem worded by the catalog, with its Chinese text. */
export function cellError(column: string, code: string, params: MessageParams = {}): CellError {
  return { column, code, params, message: messageText(code, params, 'zh') ?? code };
}

/** Something the importer assumed or derived for a row; the report counts them per column. */
export interface CellNotice {
  code: string;
  column: string;
}

/** A member row as the file gives it: the organization and party group are still names. */
export type MemberImport = Omit<MemberCreate, 'orgId' | 'partyGroupId'> & {
  /** name path (上级/下级), name or code of the organization */
  org: string;
  /** name of a party group of that organization; absent when the file has no such column */
  partyGroup?: string | null;
};

/** An organization row: the parent is still a name path, name or code (null: a root). */
export type OrgImport = Omit<OrgCreate, 'parentId'> & { parent: string | null };

export interface RowResult<T> {
  /** null when the row has errors */
  value: T | null;
  errors: CellError[];
  notices?: CellNotice[];
  /** what a row with errors still names, so that its references and duplicates are checked in
   *  the same pass and fixing the listed errors reveals no new ones */
  refs?: { org?: string; partyGroup?: string | null; idNumber?: string; name?: string; parent?: string };
}

/** The earliest date anything in the Party's records can carry (founding of the CPC). */
export const PARTY_FOUNDED_ON = '1921-07-01';

// ---- enum labels --------------------------------------------------------------------------

type Labels<T extends string> = Record<T, readonly string[]>;

/** Chinese labels of each value; the first is what templates and exports write. */
export const GENDER_LABELS: Labels<Gender> = { male: ['男', '男性'], female: ['女', '女性'] };
/** 政治面貌 as the national table writes it (中共党员, 中共预备党员) reads as the status too. */
export const STATUS_LABELS: Labels<MemberStatus> = {
  full: ['正式党员', '正式', '中共党员', '中国共产党党员'],
  probationary: ['预备党员', '预备', '中共预备党员', '中国共产党预备党员'],
};
/** Besides our own labels, the national table's 人员类别 values and their common sub-kinds. */
export const CATEGORY_LABELS: Labels<MemberCategory> = {
  in_service: ['在职', '在岗', '在岗职工', '在职职工', '职工', '工人', '专业技术人员', '企业管理人员', '党政机关工作人员', '公务员', '事业单位工作人员', '社会组织工作人员'],
  retired: ['离退休', '退休', '离休', '离退休人员', '退休人员', '离休人员', '离退休干部'],
  student: ['学生', '在校学生', '在读学生'],
  farmer: ['农民', '农牧渔民', '牧民', '渔民', '农牧民'],
  unemployed: ['失业', '失业人员', '待业', '待业人员', '无职业', '无职业人员', '下岗人员'],
  other: ['其他', '其他职业人员', '其他人员', '解放军、武警', '军人', '自由职业者', '个体经营者', '进城务工人员'],
};
export const EDUCATION_LABELS: Labels<Education> = {
  postgraduate: ['研究生', '博士研究生', '硕士研究生', '博士', '硕士', '研究生及以上'],
  bachelor: ['大学本科', '本科', '大学'],
  junior_college: ['大学专科', '大专', '专科'],
  secondary: ['中专', '中等专科', '中技', '技校', '技工学校', '中等职业学校'],
  high_school: ['高中', '普通高中', '职业高中'],
  middle_school: ['初中'],
  primary: ['小学', '小学及以下'],
};
export const ORG_TYPE_LABELS: Labels<OrgType> = {
  committee: ['党委', '党委员会', '基层党委'],
  working_committee: ['党工委', '党的工作委员会'],
  general_branch: ['党总支', '党总支部', '总支部'],
  branch: ['党支部', '支部'],
  joint_branch: ['联合党支部', '联合支部'],
  leading_group: ['党组'],
};
export const SECTOR_LABELS: Labels<Sector> = {
  government_organ: ['机关', '党政机关'],
  state_enterprise: ['国有企业', '国企'],
  private_enterprise: ['非公企业', '非公有制企业', '民营企业'],
  social_organization: ['社会组织'],
  public_institution: ['事业单位'],
  village: ['村'],
  community: ['社区'],
  school: ['学校'],
};

/** English spellings besides the identifier itself. */
const ENGLISH: Record<string, string> = {
  m: 'male',
  f: 'female',
  in_service: 'in_service',
  working_committee: 'working_committee',
  general_branch: 'general_branch',
  joint_branch: 'joint_branch',
  leading_group: 'leading_group',
  organ: 'government_organ',
  state_enterprise: 'state_enterprise',
  private_enterprise: 'private_enterprise',
  social_organization: 'social_organization',
  public_institution: 'public_institution',
  junior_college: 'junior_college',
  middle_school: 'middle_school',
  high_school: 'high_school',
};

function labelIndex<T extends string>(values: readonly T[], labels: Labels<T>): Map<string, T> {
  const index = new Map<string, T>();
  for (const v of values) {
    index.set(v, v);
    for (const l of labels[v]) index.set(l, v);
  }
  for (const [k, v] of Object.entries(ENGLISH)) if ((values as readonly string[]).includes(v)) index.set(k, v as T);
  return index;
}

function labelKey(text: string): string {
  return text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

const INDEX = {
  gender: labelIndex(GENDERS, GENDER_LABELS),
  status: labelIndex(MEMBER_STATUSES, STATUS_LABELS),
  category: labelIndex(MEMBER_CATEGORIES, CATEGORY_LABELS),
  education: labelIndex(EDUCATIONS, EDUCATION_LABELS),
  orgType: labelIndex(ORG_TYPES, ORG_TYPE_LABELS),
  sector: labelIndex(SECTORS, SECTOR_LABELS),
};

/** The Chinese label a template or an export writes for an enum value. */
export function labelOf<T extends string>(labels: Labels<T>, value: T): string {
  return labels[value][0] ?? value;
}

// ---- cell values --------------------------------------------------------------------------

/** Text of a cell: trimmed string, or null when empty. Numbers print without exponent. */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const t = value.replace(/^\uFEFF/, '').trim();
    return t === '' ? null : t;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  }
  if (value instanceof Date) return isNaN(value.getTime()) ? null : dateFromJs(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return null;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ExcelJS returns date cells as instants at UTC midnight; a second of slack absorbs float error. */
function dateFromJs(d: Date): string {
  const t = new Date(d.getTime() + 1000);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** `precision: 'month'`: the cell gave a year and month only, and `date` is the first of that month. */
export type DateParse =
  | { ok: true; date: string; precision: 'day' | 'month' }
  | { ok: false; code: string; params: MessageParams; message: string };

function failed(code: string, raw?: string): DateParse {
  const params: MessageParams = raw === undefined ? {} : { raw };
  return { ok: false, code, params, message: messageText(code, params, 'zh') ?? code };
}

function ymd(y: number, m: number, d: number, raw: string, precision: 'day' | 'month' = 'day'): DateParse {
  const date = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  return isValidDate(date) ? { ok: true, date, precision } : failed('import_date_invalid', raw);
}

/**
 * A date from a cell: an Excel date, an Excel serial number, or text such as 2020-01-05,
 * 2020/1/5, 2020.01.05, 2020年1月5日, 20200105; a month alone (2020-01, 2020年1月, 202001) means
 * its first day.
 */
export function parseDateCell(value: unknown): DateParse {
  if (value instanceof Date) {
    if (isNaN(value.getTime())) return failed('import_date_unreadable');
    return { ok: true, date: dateFromJs(value), precision: 'day' };
  }
  if (typeof value === 'number') return parseDateNumber(value);
  const text = cellText(value);
  if (text === null) return failed('import_date_empty');
  return parseDateText(text);
}

function parseDateNumber(n: number): DateParse {
  const raw = String(n);
  if (!Number.isFinite(n) || n <= 0) return failed('import_date_unrecognized', raw);
  if (Number.isInteger(n)) {
    if (n >= 19000101 && n <= 21001231) return ymd(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100, raw);
    if (n >= 190001 && n <= 210012) return ymd(Math.floor(n / 100), n % 100, 1, raw, 'month');
    if (n >= 1900 && n <= 2100) return failed('import_date_year_only', raw);
  } else if (n > 1900 && n < 2101) {
    // 2020.01 typed into a numeric cell; 2020.1 could be January or October (2020.10)
    const year = Math.floor(n);
    const hundredths = Math.round((n - year) * 100);
    if (hundredths === 10 && Math.abs(n - year - 0.1) < 1e-9) {
      return failed('import_date_ambiguous', raw);
    }
    if (Math.abs((n - year) * 100 - hundredths) < 1e-6) return ymd(year, hundredths, 1, raw, 'month');
    return failed('import_date_unrecognized', raw);
  }
  // an Excel serial day number (1900 date system), 1900-03-01 .. 2100-12-31
  if (n >= 61 && n < 73416) {
    return { ok: true, date: dateFromJs(new Date(EXCEL_EPOCH_MS + Math.floor(n) * 86_400_000)), precision: 'day' };
  }
  return failed('import_date_unrecognized', raw);
}

const FULL_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const MONTH_ONLY = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const COMPACT_MONTH = /^(\d{4})(\d{2})$/;
const TIME_SUFFIX = /(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$/;

export function parseDateText(raw: string): DateParse {
  const text = raw.normalize('NFKC').trim().replace(TIME_SUFFIX, '').trim();
  let m = FULL_DATE.exec(text) ?? COMPACT_DATE.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  m = MONTH_ONLY.exec(text) ?? COMPACT_MONTH.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), 1, raw, 'month');
  // an Excel serial day number that reached the file as text (a .csv saved from a date column)
  if (/^\d{5}$/.test(text)) return parseDateNumber(Number(text));
  return failed('import_date_unrecognized', raw);
}

// ---- row normalization ----------------------------------------------------------------------

class Row<K extends ImportKind> {
  readonly errors: CellError[] = [];
  readonly notices: CellNotice[] = [];
  /** fields whose date gave a month without a day */
  readonly monthOnly = new Set<FieldOf<K>>();
  constructor(
    private readonly kind: K,
    private readonly cells: Record<string, unknown>,
    private readonly map: HeaderMap<K>,
  ) {}

  has(field: FieldOf<K>): boolean {
    return this.map.headerOf[field] !== undefined;
  }

  /** the column as the file spells it (the canonical header when the file has no such column) */
  column(field: FieldOf<K>): string {
    return this.map.headerOf[field] ?? canonicalHeader(this.kind, field);
  }

  raw(field: FieldOf<K>): unknown {
    const header = this.map.headerOf[field];
    return header === undefined ? undefined : this.cells[header];
  }

  error(field: FieldOf<K>, code: string, params: MessageParams = {}): void {
    this.errors.push(cellError(this.column(field), code, params));
  }

  notice(field: FieldOf<K>, code: string): void {
    this.notices.push({ code, column: this.column(field) });
  }

  hasError(field: FieldOf<K>): boolean {
    const column = this.column(field);
    return this.errors.some((e) => e.column === column);
  }

  /** absent column → undefined (a required one is a problem of the file, reported once, not per
   *  row); empty cell → null */
  text(field: FieldOf<K>, maxLength: number, required = false): string | null | undefined {
    if (!this.has(field)) return undefined;
    const text = cellText(this.raw(field));
    if (text === null) {
      if (required) this.error(field, 'import_required');
      return null;
    }
    if (text.length > maxLength) {
      this.error(field, 'import_too_long', { max: maxLength, length: text.length });
      return null;
    }
    return text;
  }

  choice<T extends string>(field: FieldOf<K>, index: Map<string, T>, labels: Labels<T>, required = false): T | null | undefined {
    const text = this.text(field, 100, required);
    if (text === null || text === undefined) return text;
    const value = index.get(labelKey(text));
    if (value === undefined) {
      const allowed = Object.values<readonly string[]>(labels)
        .map((l) => l[0])
        .join('、');
      this.error(field, 'import_choice_unknown', { value: text, allowed });
      return null;
    }
    return value;
  }

  date(field: FieldOf<K>, today: string, required = false): string | null | undefined {
    if (!this.has(field)) return undefined;
    const raw = this.raw(field);
    if (cellText(raw) === null) {
      if (required) this.error(field, 'import_required');
      return null;
    }
    const parsed = parseDateCell(raw);
    if (!parsed.ok) {
      this.error(field, parsed.code, parsed.params);
      return null;
    }
    if (parsed.date > today) {
      this.error(field, 'import_date_future', { date: parsed.date });
      return null;
    }
    if (parsed.precision === 'month') this.monthOnly.add(field);
    return parsed.date;
  }
}

/** What the ID-card cell holds: a normalized number, nothing, or an error already recorded. */
function idNumberOf(row: Row<'members'>, today: string): { id: string; birthDate: string; gender: Gender } | null | undefined {
  if (!row.has('idNumber')) return undefined;
  const raw = row.raw('idNumber');
  const text = cellText(raw);
  if (text === null) return null;
  if (typeof raw === 'number' || /^\d(\.\d+)?e\+?\d+$/i.test(text)) {
    if (raw !== null && typeof raw === 'number' && raw < 1e15) row.error('idNumber', 'import_id_number_short', { value: text });
    else row.error('idNumber', 'import_id_number_as_number');
    return null;
  }
  const value = text.replace(/[\s\u3000]/g, '').normalize('NFKC');
  if (value.includes('*')) {
    row.error('idNumber', 'import_id_number_masked');
    return null;
  }
  const parsed = parseIdCard(value, today);
  if (!parsed.ok) {
    const codes = { format: 'import_id_number_format', birth_date: 'import_id_number_birth_date', check_digit: 'import_id_number_check_digit' } as const;
    row.error('idNumber', codes[parsed.problem], { value });
    return null;
  }
  return { id: parsed.info.normalized, birthDate: parsed.info.birthDate, gender: parsed.info.gender };
}

/**
 * Member row → MemberImport. `today` is the calendar date in China ('YYYY-MM-DD'). Every cell is
 * checked, and every check across cells whose cells could be read, so that one pass lists every
 * problem of the row. What can be derived is: gender and birth date from the ID-card number, the
 * status from a date of full membership, the category (in service) — each with a notice.
 */
export function normalizeMemberRow(cells: Record<string, unknown>, map: HeaderMap<'members'>, today: string): RowResult<MemberImport> {
  const row = new Row('members', cells, map);
  const f = (field: MemberField) => field;

  const name = row.text(f('name'), 50, true);
  const id = idNumberOf(row, today);

  let gender = row.choice(f('gender'), INDEX.gender, GENDER_LABELS);
  if (id) {
    if (gender && gender !== id.gender) {
      row.error('gender', 'import_gender_mismatch', { gender: id.gender });
    }
    if (!gender && !row.hasError('gender')) row.notices.push({ code: 'import_gender_from_id', column: row.column('idNumber') });
    gender ??= id.gender;
  } else if (!gender && !row.hasError('gender') && !row.hasError('idNumber')) {
    row.error('gender', row.has('gender') ? 'import_required' : 'import_missing_or_id_number');
  }

  let birthDate = row.date(f('birthDate'), today);
  if (birthDate && birthDate < '1900-01-01') {
    row.error('birthDate', 'import_birth_date_unlikely', { date: birthDate });
    birthDate = null;
  }
  if (id) {
    if (birthDate && row.monthOnly.has('birthDate')) {
      // 出生年月 written 1990.08: the ID number gives the day
      if (birthDate.slice(0, 7) !== id.birthDate.slice(0, 7)) row.error('birthDate', 'import_birth_month_mismatch', { date: id.birthDate });
      row.monthOnly.delete('birthDate');
      birthDate = id.birthDate;
    } else if (birthDate && birthDate !== id.birthDate) {
      row.error('birthDate', 'import_birth_date_mismatch', { date: id.birthDate });
    }
    if (!birthDate && !row.hasError('birthDate')) row.notices.push({ code: 'import_birth_date_from_id', column: row.column('idNumber') });
    birthDate ??= id.birthDate;
  } else if (!birthDate && !row.hasError('birthDate') && !row.hasError('idNumber')) {
    row.error('birthDate', row.has('birthDate') ? 'import_required_or_id_number' : 'import_missing_or_id_number');
  }

  const ethnicityText = row.text(f('ethnicity'), 20);
  const ethnicity = ethnicityText ? officialEthnicity(ethnicityText) : ethnicityText;
  const education = row.choice(f('education'), INDEX.education, EDUCATION_LABELS);
  let status = row.choice(f('status'), INDEX.status, STATUS_LABELS);
  let category = row.choice(f('category'), INDEX.category, CATEGORY_LABELS);
  if (!category && !row.hasError('category')) {
    category = 'in_service';
    row.notice('category', 'import_category_defaulted');
  }

  const joinedOn = row.date(f('joinedOn'), today, true);
  if (joinedOn) {
    if (joinedOn < PARTY_FOUNDED_ON) row.error('joinedOn', 'import_joined_before_founding', { date: joinedOn });
    else if (birthDate && joinedOn < addYears(birthDate, 18)) {
      row.error('joinedOn', 'import_join_age', { joinedOn, birthDate });
    }
  }
  const fullOn = row.date(f('fullOn'), today);
  if (!status && !row.hasError('status')) {
    // the national table has no status column: a date of full membership tells it
    if (row.has('fullOn') && !row.hasError('fullOn')) {
      status = fullOn ? 'full' : 'probationary';
      row.notice('fullOn', 'import_status_derived');
    } else if (!row.hasError('fullOn')) row.error('status', 'import_status_unknown');
  }
  if (fullOn) {
    if (joinedOn && fullOn < joinedOn) row.error('fullOn', 'import_full_before_joined', { fullOn, joinedOn });
    else if (status === 'probationary') row.error('fullOn', 'import_full_on_probationary');
  } else if (status === 'full' && !row.hasError('fullOn')) row.error('fullOn', 'full_on_required');

  const org = row.text(f('org'), 500, true);
  const partyGroup = row.text(f('partyGroup'), 50);

  let phone = row.text(f('phone'), 20);
  if (phone) {
    phone = phone.normalize('NFKC');
    if (!/^[0-9+\- ]*$/.test(phone)) {
      row.error('phone', 'import_phone_chars', { phone });
      phone = null;
    } else if (!/^\+?\d{7,15}$/.test(phone.replace(/[\s-]/g, ''))) row.error('phone', 'phone_format'); // the service's rule, checked here with the rest of the row

  }
  const jobTitle = row.text(f('jobTitle'), 100);
  for (const field of row.monthOnly) row.notice(field, 'import_day_assumed');

  const refs: RowResult<MemberImport>['refs'] = {};
  if (org) refs.org = org;
  if (partyGroup !== undefined) refs.partyGroup = partyGroup;
  if (id) refs.idNumber = id.id;
  if (row.errors.length || !name || !gender || !birthDate || !status || !category || !joinedOn || !org) {
    return { value: null, errors: row.errors, notices: row.notices, refs };
  }
  const value: MemberImport = { name, gender, birthDate, joinedOn, status, category, org };
  if (ethnicity !== undefined) value.ethnicity = ethnicity;
  if (id !== undefined) value.idNumber = id?.id ?? null;
  if (phone !== undefined) value.phone = phone;
  if (education !== undefined) value.education = education;
  if (fullOn !== undefined) value.fullOn = fullOn;
  if (jobTitle !== undefined) value.jobTitle = jobTitle;
  if (partyGroup !== undefined) value.partyGroup = partyGroup;
  return { value, errors: [], notices: row.notices, refs };
}

/** Organization row → OrgImport. */
export function normalizeOrgRow(cells: Record<string, unknown>, map: HeaderMap<'orgs'>, today: string): RowResult<OrgImport> {
  const row = new Row('orgs', cells, map);
  const f = (field: OrgField) => field;

  const name = row.text(f('name'), 100, true);
  const shortName = row.text(f('shortName'), 50);
  const code = row.text(f('code'), 50);
  if (code && !/^[A-Za-z0-9_.-]+$/.test(code)) row.error('code', 'import_org_code_chars', { code });
  const type = row.choice(f('type'), INDEX.orgType, ORG_TYPE_LABELS, true);
  const parent = row.text(f('parent'), 500);
  const hostUnit = row.text(f('hostUnit'), 200);
  const sector = row.choice(f('sector'), INDEX.sector, SECTOR_LABELS);
  const foundedOn = row.date(f('foundedOn'), today);
  if (foundedOn && foundedOn < PARTY_FOUNDED_ON) row.error('foundedOn', 'import_founded_before_party', { date: foundedOn });
  const contactName = row.text(f('contactName'), 50);
  const contactPhone = row.text(f('contactPhone'), 30);

  if (row.errors.length || !name || !type) {
    const refs: RowResult<OrgImport>['refs'] = {};
    if (name) refs.name = name;
    if (parent) refs.parent = parent;
    return { value: null, errors: row.errors, refs };
  }
  const value: OrgImport = { name, type, parent: parent ?? null };
  if (shortName !== undefined) value.shortName = shortName;
  if (code !== undefined) value.code = code;
  if (hostUnit !== undefined) value.hostUnit = hostUnit;
  if (sector !== undefined) value.sector = sector;
  if (foundedOn !== undefined) value.foundedOn = foundedOn;
  if (contactName !== undefined) value.contactName = contactName;
  if (contactPhone !== undefined) value.contactPhone = contactPhone;
  return { value, errors: [] };
}
