import type { Catalog } from './text';

// The organization tree: names, codes, moves, dissolution, committees and party groups.

export const ORGS: Catalog = {
  org_name_taken: { zh: '同一上级下已有同名党组织', en: 'an organization with this name already exists under the same parent' },
  org_code_taken: { zh: '此编码已被使用', en: 'this code is already used' },
  parent_dissolved: { zh: '上级党组织已撤销', en: 'the parent organization is dissolved' },
  org_move_into_self: { zh: '党组织不能移到自身或其下级之下', en: 'an organization cannot move under itself or its own descendant' },
  new_parent_dissolved: { zh: '新的上级党组织已撤销', en: 'the new parent is dissolved' },
  org_already_dissolved: { zh: '该党组织已撤销', en: 'This organization is already dissolved' },
  before_founding: { zh: '早于成立日期', en: 'before the founding date' },
  org_has_members: { zh: '还有 {members} 名党员，请先办理转出', en: 'It still has {members} members; transfer them first' },
  org_has_children: {
    zh: '还有 {children} 个下级党组织，请先移走或撤销',
    en: 'It still has {children} subordinate organizations; move or dissolve them first',
  },
  member_not_in_org: { zh: '该党员不属于此党组织', en: 'the member does not belong to this organization' },
  committee_role_held: { zh: '该党员已担任此职务', en: 'The member already holds this role' },
  committee_has_secretary: { zh: '该党组织已有书记，请先结束其任职', en: 'The organization already has a secretary; end that seat first' },
  party_group_needs_branch: { zh: '党小组只能设在党支部内', en: 'not a branch; party groups are set up inside a branch' },
  party_group_name_taken: { zh: '已有同名党小组', en: 'a party group with this name already exists' },
};
