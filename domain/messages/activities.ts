import type { Catalog } from './text';

// Activities and meetings: times, hosts, attendance, votes, sign-in and custom types.

export const ACTIVITIES: Catalog = {
  end_before_start: { zh: '应晚于开始时间', en: 'must be after the start' },
  host_founded_after: { zh: '{org}成立于 {date}，晚于本次活动', en: '{org} was founded on {date}, after this activity' },
  activity_future_held: { zh: '未来的活动不能标为已开展', en: 'an activity in the future cannot have been held yet' },
  cancel_reason_required: { zh: '取消时须填写原因', en: 'required when cancelling' },
  custom_type_needs_other: { zh: '本组织自定义的类型须把活动类型记为“其他”', en: "an organization's own type is recorded with type other" },
  custom_type_not_of_hosts: { zh: '不是这些党组织的活动类型', en: 'not an activity type of these organizations' },
  not_on_host_roster: { zh: '不在主办党组织的名册中', en: "not on a host organization's roster" },
  heart_talk_two_people: { zh: '谈心谈话须写明谈话的两个人', en: 'a heart-to-heart talk names the two people' },
  vote_whole_number: { zh: '应为 0 或正整数', en: 'must be a whole number, 0 or more' },
  vote_entitled_min: { zh: '应到会的有表决权党员至少 1 人', en: 'at least 1 voting member must be entitled to attend' },
  vote_present_over: { zh: '实到 {present} 人，多于应到的 {entitled} 人', en: '{present} present, more than the {entitled} entitled to attend' },
  vote_tally_over: { zh: '赞成、反对、弃权合计 {total} 票，多于实到的 {present} 人', en: 'yes, no and abstain add up to {total}, more than the {present} present' },
  vote_written_over: {
    zh: '书面意见 {written} 份，多于缺席的 {absent} 名有表决权党员',
    en: '{written} written opinions, more than the {absent} entitled members absent',
  },
  activity_transition: { zh: '“{from|activityState}”的活动不能改为“{to|activityState}”', en: 'An activity that is {from} cannot become {to}' },
  activity_cancelled: { zh: '该活动已取消', en: 'The activity is cancelled' },
  checkin_code_wrong: { zh: '签到码错误或已过期，请扫描当前的二维码', en: 'wrong or expired; scan the current code' },
  account_not_member: { zh: '此账号未关联党员信息', en: 'This account is not linked to a member record' },
  checkin_not_invited: {
    zh: '只有主办党组织的党员或受邀党员可以签到',
    en: 'Only members of a host organization or invited members can sign in',
  },
  checkin_not_open: { zh: '签到尚未开始，{opensAt} 起可签到', en: 'Sign-in is not open yet; it opens at {opensAt}' },
  checkin_closed: { zh: '签到已于 {closedAt} 结束', en: 'Sign-in closed at {closedAt}' },
  activity_type_exists: { zh: '本级或上级已有此类型', en: 'this type already exists here or above' },
  also_counts_not_held_with: { zh: '按本组织的规则，此类活动不能同时计为该项', en: "this organization's rules do not let this kind of activity also count for it" },
  activity_organizer_pending: { zh: '主办方须是已确认的主办党组织', en: 'the organizer must be a host that has accepted' },
  activity_host_not_pending: { zh: '该党组织已确认共同主办，无需再次确认', en: 'this organization already accepted to co-host' },
};
