import { describe, expect, it } from 'vitest';
import { canonicalHeader, fieldForHeader, normalizeHeader, resolveHeaders } from './headers';

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
    const { map, errors } = resolveHeaders('members', [...full, '', ' 联系电话 ']);
    expect(errors).toEqual([]);
    expect(map.headerOf.org).toBe('所在党支部');
    expect(map.headerOf.phone).toBe('联系电话');
    expect(map.fieldOf.get('公民身份号码')).toBe('idNumber');
  });

  it('accepts English headers', () => {
    const { errors } = resolveHeaders('members', ['Name', 'birthDate', 'joinedOn', 'Status', 'category', 'org']);
    expect(errors).toEqual([]);
  });

  it('names unknown and missing headers', () => {
    const { errors } = resolveHeaders('members', ['姓名', '爱好', '公民身份号码', '党员状态', '人员类别']);
    expect(errors).toContain('无法识别的列：“爱好”');
    expect(errors).toContain('缺少必需的列：“入党时间”');
    expect(errors).toContain('缺少必需的列：“所在党组织”');
    expect(errors).toHaveLength(3);
  });

  it('needs a birth date or an ID number', () => {
    const { errors } = resolveHeaders('members', ['姓名', '入党时间', '党员状态', '人员类别', '所在党组织']);
    expect(errors).toEqual(['缺少必需的列：“出生日期”或“公民身份号码”（至少一列）']);
  });

  it('refuses the same field twice', () => {
    const { errors } = resolveHeaders('members', [...full, '身份证号']);
    expect(errors).toEqual(['列“公民身份号码”和“身份证号”重复（同一项）']);
  });

  it('needs the parent column for organizations unless roots are allowed', () => {
    expect(resolveHeaders('orgs', ['党组织名称', '党组织类别']).errors).toEqual(['缺少必需的列：“上级党组织”']);
    expect(resolveHeaders('orgs', ['党组织名称', '党组织类别'], { allowRootOrgs: true }).errors).toEqual([]);
  });
});
