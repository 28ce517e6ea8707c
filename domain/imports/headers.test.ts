import { describe, expect, it } from 'vitest';
import { canonicalHeader, fieldForHeader, normalizeHeader, parseMapping, resolveHeaders } from './headers';

describe('normalizeHeader', () => {
  it('drops spaces, full-width colons and asterisks, and lowercases English', () => {
    expect(normalizeHeader(' *姓 名： ')).toBe('姓名');
    expect(normalizeHeader('＊入党时间:')).toBe('入党时间');
    expect(normalizeHeader('Birth Date')).toBe('birthdate');
    expect(normalizeHeader('ID_Number')).toBe('idnumber');
  });
});

describe('fieldForHeader', () => {
  it('knows the Chinese synonyms and English field names', () => {
    expect(fieldForHeader('members', '身份证号')).toBe('idNumber');
    expect(fieldForHeader('members', '公民身份号码')).toBe('idNumber');
    expect(fieldForHeader('members', '身份证号码')).toBe('idNumber');
    expect(fieldForHeader('members', '出生年月')).toBe('birthDate');
    expect(fieldForHeader('members', '党员类型')).toBe('status');
    expect(fieldForHeader('members', '所在党支部')).toBe('org');
    expect(fieldForHeader('members', '手机号码')).toBe('phone');
    expect(fieldForHeader('members', 'joinedon')).toBe('joinedOn');
    expect(fieldForHeader('members', 'IDNUMBER')).toBe('idNumber');
    expect(fieldForHeader('orgs', '组织类型')).toBe('type');
    expect(fieldForHeader('orgs', '所在单位')).toBe('hostUnit');
    expect(fieldForHeader('orgs', '联系电话')).toBe('contactPhone');
    expect(fieldForHeader('orgs', 'contactPhone')).toBe('contactPhone');
    expect(fieldForHeader('members', '党组织名称')).toBeNull();
  });

  it('has a canonical header per field', () => {
    expect(canonicalHeader('members', 'idNumber')).toBe('公民身份号码');
    expect(canonicalHeader('orgs', 'name')).toBe('党组织名称');
  });
});

describe('resolveHeaders', () => {
  const full = ['序号', '姓名', '性别', '公民身份号码', '入党时间', '党员状态', '人员类别', '所在党支部'];

  it('maps a complete member header row and keeps the file spelling', () => {
    const { map, missing, notices } = resolveHeaders('members', [...full, '', ' 联系电话 ']);
    expect(missing).toEqual([]);
    expect(notices).toEqual([]);
    expect(map.headerOf.org).toBe('所在党支部');
    expect(map.headerOf.phone).toBe('联系电话');
    expect(map.fieldOf.get('公民身份号码')).toBe('idNumber');
  });

  it('accepts English headers', () => {
    const { missing } = resolveHeaders('members', ['Name', 'birthDate', 'joinedOn', 'Status', 'category', 'org']);
    expect(missing).toEqual([]);
  });

  it('reads the national collection table: every column known, status and category not required', () => {
    const national = ['姓名', '性别', '公民身份号码', '民族', '出生日期', '学历', '人员类别', '所在党支部', '入党日期', '转为正式党员日期', '工作岗位', '手机号码', '党籍状态', '是否为流动党员'];
    const { map, missing, notices, columns } = resolveHeaders('members', national);
    expect(missing).toEqual([]);
    expect(map.headerOf).toMatchObject({ org: '所在党支部', joinedOn: '入党日期', fullOn: '转为正式党员日期', jobTitle: '工作岗位', phone: '手机号码' });
    expect(notices).toEqual([
      { code: 'import_column_not_kept', params: {}, column: '党籍状态' },
      { code: 'import_column_not_kept', params: {}, column: '是否为流动党员' },
    ]);
    expect(columns.filter((c) => c.source === 'unknown')).toEqual([]);
  });

  it('reads a school roster and a company roster', () => {
    const school = resolveHeaders('members', ['姓名', '身份证号码', '党支部', '政治面貌', '预备党员日期', '正式党员日期', '学历层次', '备注']);
    expect(school.missing).toEqual([]);
    expect(school.map.headerOf).toMatchObject({ org: '党支部', status: '政治面貌', joinedOn: '预备党员日期', fullOn: '正式党员日期', education: '学历层次' });
    expect(school.notices.map((n) => [n.code, n.column])).toEqual([['import_column_not_kept', '备注']]);
    const company = resolveHeaders('members', ['姓名', '性别', '民族', '籍贯', '出生年月', '身份证号', '政治面貌', '入党时间', '所属支部', '手机']);
    expect(company.missing).toEqual([]);
    expect(company.map.headerOf).toMatchObject({ org: '所属支部', birthDate: '出生年月', phone: '手机' });
  });

  it('ignores unknown columns with a notice, and names only missing columns that cannot be derived', () => {
    const { missing, notices, columns } = resolveHeaders('members', ['姓名', '爱好', '公民身份号码', '党员状态', '人员类别']);
    expect(notices).toEqual([{ code: 'import_column_unknown', params: {}, column: '爱好' }]);
    expect(columns.find((c) => c.header === '爱好')).toEqual({ header: '爱好', field: null, source: 'unknown' });
    expect(missing).toEqual([
      { code: 'import_column_missing', params: { column: '入党时间' } },
      { code: 'import_column_missing', params: { column: '所在党组织' } },
    ]);
  });

  it('needs a birth date or an ID number', () => {
    const { missing } = resolveHeaders('members', ['姓名', '入党时间', '党员状态', '人员类别', '所在党组织']);
    expect(missing).toEqual([{ code: 'import_column_missing_id', params: {} }]);
  });

  it('reads the first of two columns giving one field and ignores the second with a notice', () => {
    const { map, missing, notices } = resolveHeaders('members', [...full, '身份证号']);
    expect(missing).toEqual([]);
    expect(map.headerOf.idNumber).toBe('公民身份号码');
    expect(notices).toEqual([{ code: 'import_column_duplicate', params: { earlier: '公民身份号码' }, column: '身份证号' }]);
  });

  it("follows the user's mapping: a header to a field, or ignored", () => {
    const mapping = new Map([
      [normalizeHeader('所在组织'), 'org' as const],
      [normalizeHeader('爱好'), null],
    ]);
    const { map, missing, notices, columns } = resolveHeaders('members', ['姓名', '身份证号', '入党时间', '所在组织', '爱好'], { mapping });
    expect(missing).toEqual([]);
    expect(map.headerOf.org).toBe('所在组织');
    expect(columns.find((c) => c.header === '所在组织')).toEqual({ header: '所在组织', field: 'org', source: 'mapping' });
    expect(notices).toEqual([{ code: 'import_column_ignored', params: {}, column: '爱好' }]);
  });

  it('needs the parent column for organizations unless roots are allowed', () => {
    expect(resolveHeaders('orgs', ['党组织名称', '党组织类别']).missing).toEqual([{ code: 'import_column_missing', params: { column: '上级党组织' } }]);
    expect(resolveHeaders('orgs', ['党组织名称', '党组织类别'], { allowRootOrgs: true }).missing).toEqual([]);
  });
});

describe('parseMapping', () => {
  it('reads headers to fields or null, and names a target that is not a field', () => {
    const ok = parseMapping('members', JSON.stringify({ ' 所在 组织 ': 'org', 爱好: null }));
    expect(ok).toEqual({ ok: true, mapping: new Map([['所在组织', 'org'], ['爱好', null]]) });
    expect(parseMapping('members', JSON.stringify({ 爱好: 'hobby' }))).toEqual({ ok: false, code: 'import_mapping_field', params: { header: '爱好', field: 'hobby' } });
    expect(parseMapping('orgs', JSON.stringify({ 单位: 'idNumber' }))).toMatchObject({ ok: false, code: 'import_mapping_field' });
    expect(parseMapping('members', '[1]')).toMatchObject({ ok: false, code: 'import_mapping_json' });
    expect(parseMapping('members', '{')).toMatchObject({ ok: false, code: 'import_mapping_json' });
  });
});
