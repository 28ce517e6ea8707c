import type { Catalog } from './text';

// Pairings, their agreements and lists, joint activities, and the demands raised inside them.

export const PAIRINGS: Catalog = {
  not_a_party: { zh: '不是本结对共建的一方', en: 'not a party of this pairing' },
  pair_with_self: { zh: '党组织不能与自身结对', en: 'an organization cannot pair with itself' },
  pair_ticked_twice: { zh: '这一对勾选了两次', en: 'this pair is ticked twice' },
  pair_title_too_long: { zh: '填入名称后标题超过 200 个字符', en: 'the title is longer than 200 characters once the names are filled in' },
  pairing_overlaps: {
    zh: '同样的各方已有草拟或生效中的协议与这些日期重叠',
    en: 'An agreement of the same parties is already in draft or in force for these dates',
  },
  pairing_overlap: { zh: '与同样各方的“{title}”（{from} – {to}）重叠', en: 'overlaps "{title}" ({from} – {to}) of the same parties' },
  no_such_pairing: { zh: '没有这个结对共建', en: 'no such pairing' },
  pairing_cannot_renew: { zh: '“{state|pairingState}”的协议不能续签', en: 'A {state} agreement cannot be renewed' },
  pairing_already_renewed: { zh: '该协议已续签', en: 'This agreement has already been renewed' },
  pairing_closed: { zh: '协议已“{state|pairingState}”，请续签后继续', en: 'The agreement is {state}; renew it to continue' },
  pairing_lists_closed: { zh: '协议已“{state|pairingState}”，清单不再变动', en: 'The agreement is {state}; its lists no longer change' },
  terminate_reason_required: { zh: '终止时须填写原因', en: 'required when terminating' },
  terminate_reason_only: { zh: '仅在终止时填写', en: 'only when terminating' },
  commitment_not_of_pairing: { zh: '不是本结对共建的承诺事项', en: 'not a commitment of this pairing' },
  hosts_must_be_parties: { zh: '每个主办方都须是本结对共建的一方', en: 'every host must be a party of this pairing' },
  need_not_of_pairing: { zh: '不是本结对共建的需求', en: 'not a need of this pairing' },
  need_closed: { zh: '该需求已关闭', en: 'the need is closed' },
  resource_not_available: {
    zh: '不是本结对共建或同一协调方其他结对共建的资源',
    en: 'not a resource of this pairing or of another pairing of its coordinator',
  },
  resource_closed: { zh: '该资源已关闭', en: 'the resource is closed' },
  owner_not_party: {
    zh: '既不是结对的一方，也不是提供资源的党组织',
    en: 'not a party of this pairing nor the organization offering the resource',
  },
  pairing_awaits_consent: {
    zh: '尚待{parties}确认，协议不能生效',
    en: 'The agreement cannot take effect before {parties} accept it',
  },
  pairing_not_awaiting: { zh: '该党组织已确认或协议不在草拟状态', en: 'This side has already accepted, or the agreement is no longer a draft' },
  commitment_not_owner: {
    zh: '只有承诺方或协议的管理方可以标记该承诺完成',
    en: 'Only the party that owes this commitment, or the keeper of the agreement, may mark it done',
  },
  commitment_not_in_force: {
    zh: '协议处于“{state|pairingState}”状态，承诺不能标记完成',
    en: 'The agreement is {state}; its commitments cannot be marked done',
  },
  pairing_not_draft: {
    zh: '只能删除草拟的协议；“{state|pairingState}”的协议请终止',
    en: 'Only a draft can be deleted; terminate a {state} agreement instead',
  },
  pairing_has_records: {
    zh: '该草拟协议已有诉求、联合活动或共建项目，不能删除',
    en: 'This draft already has demands, joint activities or joint projects and cannot be deleted',
  },
  assignees_not_entitled: {
    zh: '只有承办方或协调方可以指派承办人',
    en: 'Only the handling party or the coordinator may assign someone',
  },
  pairing_not_of_coordinator: { zh: '不是该协调方的结对共建', en: 'not a pairing of this coordinator' },
  coordinator_or_pairing: { zh: '请指定协调方或结对共建', en: 'name a coordinator or a pairing' },

  demand_needs_active: {
    zh: '只有生效中的结对共建才能提出诉求，本协议为“{state|pairingState}”',
    en: 'Demands are raised in an active pairing; this one is {state}',
  },
  demand_closed: { zh: '诉求已确认办结', en: 'The demand is confirmed and closed' },
  assignee_not_acting: { zh: '不是受理党组织的用户', en: 'not a user who acts for the accepting organization' },
  not_text: { zh: '应为文本', en: 'must be text' },
  demand_state_unknown: { zh: '不是有效的诉求状态', en: 'must be one of the demand states' },
  demand_transition: {
    zh: '诉求不能从“{from|demandState}”变为“{to|demandState}”',
    en: 'a demand cannot go from {from} to {to}',
  },
  demand_own_accept: { zh: '提出方不能受理自己的诉求', en: 'the raiser cannot accept its own demand' },
  demand_partner_accepts: { zh: '只有结对的另一方可以受理诉求', en: 'only a partner organization of the pairing can accept a demand' },
  demand_assigned_works: { zh: '只有承办党组织或协调方可以办理诉求', en: 'only the assigned organization or the coordinator can work on a demand' },
  demand_assigned_resolves: { zh: '只有承办党组织或协调方可以办结诉求', en: 'only the assigned organization or the coordinator can resolve a demand' },
  demand_raiser_confirms: { zh: '只有提出方可以确认诉求', en: 'only the raiser can confirm a demand' },
  demand_raiser_reopens: { zh: '只有提出方可以重开诉求', en: 'only the raiser can reopen a demand' },
  acting_as_outside_pairing: { zh: '既不是本结对共建的一方，也不是协调方', en: 'neither a party of this pairing nor its coordinator' },
  acting_as_not_entitled: { zh: '您不能以该党组织的身份办理', en: 'You cannot act as this organization' },
  acting_as_ambiguous: {
    zh: '您可以以 {count} 个党组织的身份办理，请选择其一',
    en: 'You can act as {count} organizations here; choose one',
  },
  rating_range: { zh: '应为 1 到 5 的整数', en: 'must be a whole number from 1 to 5' },
  pairing_not_in_force: { zh: '协议处于“{state|pairingState}”状态，不能催办', en: 'The agreement is {state}; only one in force can be reminded of' },
};
