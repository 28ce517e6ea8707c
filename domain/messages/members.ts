import type { Catalog } from './text';

// The roster: a member's record, ID-card number, dates and transfers.

export const MEMBERS: Catalog = {
  id_number_format: { zh: '应为 18 位：17 位数字加一位数字或 X', en: 'must be 18 characters: 17 digits and a digit or X' },
  id_number_birth_date: { zh: '含有不存在的出生日期', en: 'contains an impossible birth date' },
  id_number_check_digit: { zh: '校验码错误', en: 'check digit is wrong' },
  id_number_taken: { zh: '此身份证号的党员已在名册中', en: 'a member with this ID-card number is already on the roster' },
  birth_date_mismatch: { zh: '与身份证号不符（应为 {birthDate}）', en: 'does not match the ID-card number ({birthDate})' },
  gender_mismatch: { zh: '与身份证号不符', en: 'does not match the ID-card number' },
  required_or_id_number: { zh: '必填（或填写身份证号）', en: 'required (or give the ID-card number)' },
  join_age: { zh: '入党时应年满 {age} 周岁', en: 'a member joins at {age} or older' },
  full_on_required: { zh: '正式党员须填写转正日期', en: 'required for a full member' },
  full_on_probationary: { zh: '预备党员没有转正日期', en: 'a probationary member has no date of full membership' },
  full_on_before_joined: { zh: '不能早于入党日期', en: 'must not be before the date joined' },
  phone_format: { zh: '应为 7 到 15 位数字', en: 'must be 7 to 15 digits' },
  party_group_not_of_org: { zh: '不是本党组织的党小组', en: 'not a party group of this organization' },
  member_on_other_roster: {
    zh: '该党员在其他党组织的名册中，请办理组织关系转接',
    en: 'this member is on the roster of another organization; transfer them instead',
  },
  member_already_in_org: { zh: '该党员已属于此党组织', en: 'the member already belongs to this organization' },
  transfer_date_invalid: { zh: '应为不晚于今天的日期', en: 'must be a date not in the future' },
  transfer_before_current: {
    zh: '不能早于 {fromOn}（该党员转入现党组织的日期）',
    en: 'must not be before {fromOn}, when the member joined the current organization',
  },
  no_such_member: { zh: '没有这个党员', en: 'no such member' },
  // a batch on selected members names each one it cannot take
  no_such_party_group: { zh: '没有这个党小组', en: 'no such party group' },
  member_not_editable: { zh: '无权修改该党员的信息', en: 'you may not change this member' },
};
