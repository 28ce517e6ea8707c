import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../idcard';
import { cellText, normalizeMemberRow, normalizeOrgRow, parseDateCell } from './cells';
import { resolveHeaders } from './headers';

const TODAY = '2025-06-01';

function idNumber(first17: string): string {
  return first17 + checkCharacter(first17);
}
const ID_MALE = idNumber('43010219900101123'); // born 1990-01-01, odd sequence: male
const ID_FEMALE = idNumber('11010519850315002');

describe('parseDateCell', () => {
  const ok = (v: unknown) => {
    const r = parseDateCell(v);
    return r.ok ? r.date : `ERR ${r.message}`;
  };
  it('reads text in the formats offices use', () => {
    expect(ok('2020-01-05')).toBe('2020-01-05');
    expect(ok('2020/1/5')).toBe('2020-01-05');
    expect(ok('2020.01.05')).toBe('2020-01-05');
    expect(ok('2020年1月5日')).toBe('2020-01-05');
    expect(ok(' 2020 年 1 月 5 日 ')).toBe('2020-01-05');
    expect(ok('２０２０－０１－０５')).toBe('2020-01-05');
    expect(ok('20200105')).toBe('2020-01-05');
    expect(ok('2020-01-05 00:00:00')).toBe('2020-01-05');
    expect(ok('2020-01')).toBe('2020-01-01');
    expect(ok('2020.1')).toBe('2020-01-01');
    expect(ok('2020年11月')).toBe('2020-11-01');
    expect(ok('202001')).toBe('2020-01-01');
  });
  it('says when a date gave only a month', () => {
    const precision = (v: unknown) => {
      const r = parseDateCell(v);
      return r.ok ? r.precision : null;
    };
    expect(['2024.06', '2024年6月', '2024-06', '202406', 2024.06, 202406].map(precision)).toEqual(['month', 'month', 'month', 'month', 'month', 'month']);
    expect(['2024.06.01', '2024年6月1日', '2024/6/1', '2024-06-01', 45444, new Date(Date.UTC(2024, 5, 1))].map(precision)).toEqual(['day', 'day', 'day', 'day', 'day', 'day']);
    expect(ok(45444)).toBe('2024-06-01');
    expect(ok('45444')).toBe('2024-06-01'); // a serial number saved as text in a .csv
  });
  it('reads Excel dates, serials and numbers typed as dates', () => {
    expect(ok(new Date(Date.UTC(2020, 0, 5)))).toBe('2020-01-05');
    expect(ok(new Date(Date.UTC(2020, 0, 5) - 1))).toBe('2020-01-05'); // float error below midnight
    expect(ok(43835)).toBe('2020-01-05');
    expect(ok(20200105)).toBe('2020-01-05');
    expect(ok(202001)).toBe('2020-01-01');
    expect(ok(2020.01)).toBe('2020-01-01');
    expect(ok(2020.11)).toBe('2020-11-01');
  });
  it('refuses impossible and ambiguous dates with a reason', () => {
    expect(ok('2021-02-29')).toMatch(/^ERR 日期不存在/);
    expect(ok('2020-13')).toMatch(/^ERR 日期不存在/);
    expect(ok('昨天')).toMatch(/^ERR 无法识别的日期“昨天”/);
    expect(ok(2020.1)).toMatch(/歧义/);
    expect(ok(1990)).toMatch(/只有年份/);
  });
});

describe('cellText', () => {
  it('prints numbers without exponent and trims text', () => {
    expect(cellText(13800138000)).toBe('13800138000');
    expect(cellText('  a ')).toBe('a');
    expect(cellText('')).toBeNull();
    expect(cellText(undefined)).toBeNull();
  });
});

const memberHeaders = ['姓名', '性别', '民族', '出生日期', '身份证号', '学历', '入党时间', '转正时间', '人员类别', '党员类型', '所在党支部', '党小组', '联系电话', '工作单位及职务'];
const memberMap = resolveHeaders('members', memberHeaders).map;

function memberRow(overrides: Record<string, unknown> = {}) {
  const cells: Record<string, unknown> = {
    姓名: '张三',
    性别: '男',
    民族: '汉族',
    出生日期: '1990-01-01',
    身份证号: ID_MALE,
    学历: '本科',
    入党时间: new Date(Date.UTC(2015, 6, 1)),
    转正时间: '2016年7月1日',
    人员类别: '在岗',
    党员类型: '正式',
    所在党支部: '第一党委/第一支部',
    党小组: '一组',
    联系电话: 13800138000,
    工作单位及职务: '某公司 工程师',
    ...overrides,
  };
  return normalizeMemberRow(cells, memberMap, TODAY);
}

describe('normalizeMemberRow', () => {
  it('normalizes a good row', () => {
    const r = memberRow();
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({
      name: '张三',
      gender: 'male',
      ethnicity: '汉族',
      birthDate: '1990-01-01',
      idNumber: ID_MALE,
      education: 'bachelor',
      joinedOn: '2015-07-01',
      fullOn: '2016-07-01',
      category: 'in_service',
      status: 'full',
      org: '第一党委/第一支部',
      partyGroup: '一组',
      phone: '13800138000',
      jobTitle: '某公司 工程师',
    });
  });

  it('accepts English labels', () => {
    const r = memberRow({ 性别: 'Male', 党员类型: 'full', 人员类别: 'in service', 学历: 'junior_college' });
    expect(r.errors).toEqual([]);
    expect(r.value).toMatchObject({ gender: 'male', status: 'full', category: 'in_service', education: 'junior_college' });
  });

  it('fills gender and birth date from the ID number', () => {
    const r = memberRow({ 性别: null, 出生日期: '', 身份证号: ID_FEMALE.toLowerCase(), 入党时间: '2010-01-01' });
    expect(r.errors).toEqual([]);
    expect(r.value).toMatchObject({ gender: 'female', birthDate: '1985-03-15', idNumber: ID_FEMALE });
  });

  it('reports a mismatch between ID number, gender and birth date', () => {
    const r = memberRow({ 性别: '女', 出生日期: '1990-02-01' });
    expect(r.value).toBeNull();
    expect(r.errors).toMatchObject([
      { column: '性别', message: '性别与身份证号不符（身份证号显示为男）', code: 'import_gender_mismatch', params: { gender: 'male' } },
      { column: '出生日期', message: '出生日期与身份证号不符（身份证号显示为 1990-01-01）' },
    ]);
  });

  it('reports a wrong check digit, an impossible birth date and a number cell', () => {
    const wrong = ID_MALE.slice(0, 17) + (ID_MALE.endsWith('1') ? '2' : '1');
    expect(memberRow({ 身份证号: wrong }).errors).toMatchObject([{ column: '身份证号', message: `身份证号校验码错误：“${wrong}”` }]);
    const impossible = idNumber('43010219900231123');
    expect(memberRow({ 身份证号: impossible, 出生日期: null }).errors[0]).toMatchObject({
      column: '身份证号',
      message: `身份证号中的出生日期不存在或晚于今天：“${impossible}”`,
    });
    expect(memberRow({ 身份证号: 430102199001011200 }).errors[0]?.message).toMatch(/设为“文本”格式/);
    expect(memberRow({ 身份证号: '4.30102E+17' }).errors[0]?.message).toMatch(/设为“文本”格式/);
    expect(memberRow({ 身份证号: '4301**********1234' }).errors[0]?.message).toMatch(/已脱敏/);
  });

  it('reports future dates, joining before 18 and full membership before joining', () => {
    const probationary = { 党员类型: '预备', 转正时间: null };
    expect(memberRow({ ...probationary, 入党时间: '2030-01-01' }).errors).toMatchObject([{ column: '入党时间', message: '日期 2030-01-01 晚于今天' }]);
    expect(memberRow({ ...probationary, 入党时间: '2007-12-31' }).errors).toMatchObject([
      { column: '入党时间', message: '入党时间 2007-12-31 时未满 18 周岁（出生日期 1990-01-01）' },
    ]);
    expect(memberRow({ ...probationary, 入党时间: '2008-01-01' }).errors).toEqual([]);
    expect(memberRow({ 转正时间: null }).errors).toMatchObject([{ column: '转正时间', message: '正式党员须填写转正日期', code: 'full_on_required', params: {} }]);
    expect(memberRow({ 转正时间: '2015-01-01' }).errors[0]?.column).toBe('转正时间');
    expect(memberRow({ 党员类型: '预备党员' }).errors[0]?.message).toMatch(/预备党员不应有转正时间/);
  });

  it('names wrong enum labels and missing required cells', () => {
    const r = memberRow({ 党员类型: '积极分子', 人员类别: '打工', 所在党支部: ' ', 姓名: null });
    expect(r.errors).toMatchObject([
      { column: '姓名', message: '不能为空' },
      { column: '党员类型', message: '无法识别“积极分子”，可填：正式党员、预备党员' },
      { column: '人员类别', message: '无法识别“打工”，可填：在职、离退休、学生、农民、失业、其他' },
      { column: '所在党支部', message: '不能为空' },
    ]);
  });

  it('refuses over-long text and bad phone numbers', () => {
    const r = memberRow({ 姓名: '张'.repeat(51), 联系电话: '138-abc' });
    expect(r.errors).toMatchObject([
      { column: '姓名', message: '过长：最多 50 个字，实际 51 个字' },
      { column: '联系电话', message: '联系电话只能包含数字、空格、+ 和 -：“138-abc”' },
    ]);
  });

  it('leaves out columns the file does not have and clears empty optional cells', () => {
    const { map } = resolveHeaders('members', ['姓名', '身份证号', '入党时间', '党员状态', '人员类别', '所在党组织']);
    const r = normalizeMemberRow(
      { 姓名: '李四', 身份证号: ID_MALE, 入党时间: '2012-05', 党员状态: '预备党员', 人员类别: '退休', 所在党组织: 'B1' },
      map,
      TODAY,
    );
    expect(r.value).toEqual({
      name: '李四',
      gender: 'male',
      birthDate: '1990-01-01',
      idNumber: ID_MALE,
      joinedOn: '2012-05-01',
      status: 'probationary',
      category: 'retired',
      org: 'B1',
    });
    expect(memberRow({ 联系电话: '', 学历: null }).value).toMatchObject({ phone: null, education: null });
  });

  it('needs gender and birth date when there is no ID number', () => {
    const r = memberRow({ 身份证号: null, 性别: null, 出生日期: null });
    expect(r.errors).toMatchObject([
      { column: '性别', message: '不能为空' },
      { column: '出生日期', message: '不能为空（或填写身份证号）' },
    ]);
  });
});

describe('normalizeOrgRow', () => {
  const { map } = resolveHeaders('orgs', ['党组织名称', '简称', '组织编码', '组织类型', '上级党组织', '所在单位', '单位类别', '成立日期', '联系人', '联系电话']);
  it('normalizes a good row', () => {
    const r = normalizeOrgRow(
      { 党组织名称: '第一支部', 组织编码: 1001, 组织类型: '党支部', 上级党组织: '第一党委', 单位类别: '国企', 成立日期: '2001-07', 联系电话: '0731-1234567' },
      map,
      TODAY,
    );
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({
      name: '第一支部',
      shortName: null,
      code: '1001',
      type: 'branch',
      parent: '第一党委',
      hostUnit: null,
      sector: 'state_enterprise',
      foundedOn: '2001-07-01',
      contactName: null,
      contactPhone: '0731-1234567',
    });
  });
  it('reports bad labels, codes and dates', () => {
    const r = normalizeOrgRow({ 党组织名称: 'X', 组织编码: '编码1', 组织类型: '党小组', 单位类别: '公司', 成立日期: '2099-01-01' }, map, TODAY);
    expect(r.value).toBeNull();
    expect(r.errors.map((e) => e.column)).toEqual(['组织编码', '组织类型', '单位类别', '成立日期']);
    expect(r.errors[1]?.message).toBe('无法识别“党小组”，可填：党委、党工委、党总支、党支部、联合党支部、党组');
  });
});

describe('normalizeMemberRow: the rosters offices already have', () => {
  const national = resolveHeaders('members', ['姓名', '公民身份号码', '民族', '人员类别', '所在党支部', '入党日期', '转为正式党员日期', '工作岗位', '党籍状态']).map;

  it('derives gender, birth date and status from the national table, with notices', () => {
    const full = normalizeMemberRow(
      { 姓名: '王芳', 公民身份号码: ID_FEMALE, 民族: '汉', 人员类别: '在岗职工', 所在党支部: '第一支部', 入党日期: '2010/7/1', 转为正式党员日期: '2011年7月1日', 工作岗位: '专业技术人员', 党籍状态: '正常' },
      national,
      TODAY,
    );
    expect(full.errors).toEqual([]);
    expect(full.value).toEqual({
      name: '王芳',
      gender: 'female',
      birthDate: '1985-03-15',
      idNumber: ID_FEMALE,
      ethnicity: '汉族',
      category: 'in_service',
      org: '第一支部',
      joinedOn: '2010-07-01',
      fullOn: '2011-07-01',
      status: 'full',
      jobTitle: '专业技术人员',
    });
    expect(full.notices).toEqual([
      { code: 'import_gender_from_id', column: '公民身份号码' },
      { code: 'import_birth_date_from_id', column: '公民身份号码' },
      { code: 'import_status_derived', column: '转为正式党员日期' },
    ]);
    const probationary = normalizeMemberRow(
      { 姓名: '李强', 公民身份号码: ID_MALE, 人员类别: '离退休人员', 所在党支部: '第一支部', 入党日期: 45444, 转为正式党员日期: null },
      national,
      TODAY,
    );
    expect(probationary.value).toMatchObject({ status: 'probationary', fullOn: null, category: 'retired', joinedOn: '2024-06-01' });
  });

  it('reads 政治面貌 as the status, a month-only birth date against the ID number, and assumes the first of a month with a notice', () => {
    const company = resolveHeaders('members', ['姓名', '民族', '籍贯', '出生年月', '身份证号', '政治面貌', '入党时间', '所属支部']).map;
    const r = normalizeMemberRow(
      { 姓名: '赵六', 民族: '回', 籍贯: '湖南湘潭', 出生年月: '1990.01', 身份证号: ID_MALE, 政治面貌: '中共预备党员', 入党时间: '2024.06', 所属支部: '第一支部' },
      company,
      TODAY,
    );
    expect(r.errors).toEqual([]);
    expect(r.value).toMatchObject({ birthDate: '1990-01-01', status: 'probationary', joinedOn: '2024-06-01', ethnicity: '回族', category: 'in_service' });
    expect(r.notices).toEqual([
      { code: 'import_gender_from_id', column: '身份证号' },
      { code: 'import_category_defaulted', column: '人员类别' },
      { code: 'import_day_assumed', column: '入党时间' },
    ]);
    const wrongMonth = normalizeMemberRow({ 姓名: '赵六', 出生年月: '1990.02', 身份证号: ID_MALE, 政治面貌: '中共党员', 入党时间: '2024.06', 所属支部: '第一支部' }, company, TODAY);
    expect(wrongMonth.errors).toMatchObject([
      { column: '出生年月', message: '出生年月与身份证号不符（身份证号显示为 1990-01-01）', code: 'import_birth_month_mismatch', params: { date: '1990-01-01' } },
      { column: '转正时间', message: '正式党员须填写转正日期', code: 'full_on_required', params: {} },
    ]);
  });

  it('lists every problem of a row at once and still names its organization and ID number', () => {
    const r = normalizeMemberRow(
      { 姓名: '钱七', 公民身份号码: ID_MALE, 人员类别: '在岗职工', 所在党支部: '不存在的支部', 入党日期: '2030-01-01', 转为正式党员日期: '2015-13-01' },
      national,
      TODAY,
    );
    expect(r.value).toBeNull();
    expect(r.errors.map((e) => e.column)).toEqual(['入党日期', '转为正式党员日期']);
    expect(r.refs).toEqual({ org: '不存在的支部', idNumber: ID_MALE });
  });

  it('cannot tell the status without a status, 政治面貌 or date of full membership column', () => {
    const bare = resolveHeaders('members', ['姓名', '身份证号', '入党时间', '所在党支部']).map;
    const r = normalizeMemberRow({ 姓名: '孙八', 身份证号: ID_MALE, 入党时间: '2015-01-01', 所在党支部: 'X' }, bare, TODAY);
    expect(r.errors).toMatchObject([{ column: '党员状态', message: expect.stringMatching(/^无法确定党员状态/) as string, code: 'import_status_unknown', params: {} }]);
  });
});
