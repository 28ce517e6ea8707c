import type { ActivityType } from './enums';

/** Names of activity types in the server's own words (ledgers, reminders, planned themes); the web app has its i18n. */
export const ACTIVITY_TYPE_LABELS: Record<ActivityType, { zh: string; en: string }> = {
  general_assembly: { zh: '支部党员大会', en: 'general assembly' },
  committee_meeting: { zh: '支委会', en: 'committee meeting' },
  group_meeting: { zh: '党小组会', en: 'party group meeting' },
  party_lecture: { zh: '党课', en: 'party lecture' },
  theme_day: { zh: '主题党日', en: 'theme party day' },
  life_meeting: { zh: '组织生活会', en: 'organizational life meeting' },
  democratic_evaluation: { zh: '民主评议党员', en: 'democratic evaluation' },
  heart_talk: { zh: '谈心谈话', en: 'heart-to-heart talk' },
  joint_meeting: { zh: '联席会议', en: 'joint meeting' },
  study_session: { zh: '学习', en: 'study session' },
  micro_lesson: { zh: '微党课', en: 'micro party lesson' },
  volunteer_service: { zh: '志愿服务', en: 'volunteer service' },
  other: { zh: '其他', en: 'other' },
};
