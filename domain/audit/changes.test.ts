import { describe, expect, it } from 'vitest';
import { changesText } from './changes';

const names = new Map([
  ['a1', '甲公司第一党支部'],
  ['a2', '甲公司第二党支部'],
]);

describe('an event’s changes as a line of text', () => {
  it('names fields and ids, and leaves out what did not change', () => {
    const text = changesText(
      { displayName: null, roles: [{ role: 'secretary', orgId: 'a1' }], disabled: false },
      { displayName: '王书记', roles: [{ role: 'secretary', orgId: 'a2' }, { role: 'viewer', orgId: null }], disabled: false },
      names,
      'Asia/Shanghai',
      'user',
    );
    expect(text.split('\n')).toEqual(['姓名：— → 王书记', '权限：书记 · 甲公司第一党支部 → 书记 · 甲公司第二党支部；查看者 · 全部组织']);
  });

  it('shows a created record as its content, with instants in the time zone and no ids', () => {
    const text = changesText(null, { id: 'x', orgId: 'a1', startsAt: '2026-03-01T02:30:00.000Z', online: true, note: '' }, names, 'Asia/Shanghai', 'activity');
    expect(text.split('\n')).toEqual(['党组织：甲公司第一党支部', '开始时间：2026-03-01 10:30', '线上：是']);
  });

  it('is empty when the event carries no record', () => {
    expect(changesText(null, null, names, 'Asia/Shanghai', 'member')).toBe('');
  });

  it('words coded values as the audit page does, by field and object type', () => {
    const member = changesText({ status: 'probationary', category: 'in_service', gender: 'female' }, { status: 'full', category: 'retired', gender: 'female' }, names, 'Asia/Shanghai', 'member');
    expect(member.split('\n')).toEqual(['状态：预备党员 → 正式党员', '类别：在职 → 离退休']);
    expect(changesText({ state: 'submitted', urgency: 'normal' }, { state: 'accepted', urgency: 'urgent' }, names, 'Asia/Shanghai', 'demand').split('\n')).toEqual([
      '状态：提交 → 受理',
      '紧急程度：一般 → 特急',
    ]);
    // the same field names another table on another object; a value no table knows stays as it is
    expect(changesText(null, { state: 'held', type: 'theme_day' }, names, 'Asia/Shanghai', 'activity').split('\n')).toEqual(['状态：已开展', '类型：主题党日']);
    expect(changesText({ type: 'branch' }, { type: 'general_branch' }, names, 'Asia/Shanghai', 'org')).toBe('类型：党支部 → 党总支');
    // a pairing's need or resource, and its joint project, with the words of the pairing's documents
    expect(changesText({ status: 'open' }, { status: 'matched' }, names, 'Asia/Shanghai', 'pairing')).toBe('状态：待对接 → 已对接');
    expect(changesText({ status: 'planned' }, { status: 'in_progress' }, names, 'Asia/Shanghai', 'pairing')).toBe('状态：计划 → 实施中');
    expect(changesText({ status: 'probationary' }, { status: 'sealed' }, names, 'Asia/Shanghai', 'pairing')).toBe('状态：probationary → sealed');
  });
});
