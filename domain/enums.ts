// Enum spellings follow the glossary in shared/docs/product.md; other tools rely on them.

export const ORG_TYPES = [
  'committee',
  'working_committee',
  'general_branch',
  'branch',
  'joint_branch',
  'leading_group',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const SECTORS = [
  'government_organ',
  'state_enterprise',
  'private_enterprise',
  'social_organization',
  'public_institution',
  'village',
  'community',
  'school',
] as const;
export type Sector = (typeof SECTORS)[number];

/** "Two new" organizations: private enterprises and social organizations. */
export const TWO_NEW_SECTORS: readonly Sector[] = ['private_enterprise', 'social_organization'];

export const MEMBER_STATUSES = ['full', 'probationary'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const MEMBER_CATEGORIES = ['in_service', 'retired', 'student', 'farmer', 'unemployed', 'other'] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

export const EDUCATIONS = [
  'postgraduate',
  'bachelor',
  'junior_college',
  'secondary',
  'high_school',
  'middle_school',
  'primary',
] as const;
export type Education = (typeof EDUCATIONS)[number];

export const COMMITTEE_ROLES = [
  'secretary',
  'deputy_secretary',
  'organization_member',
  'publicity_member',
  'discipline_member',
  'youth_member',
  'committee_member',
] as const;
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];

export const ACCESS_ROLES = ['admin', 'org_admin', 'secretary', 'member', 'viewer'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** Activity types of branch life (three meetings and one lesson, and more); the order is the display order. */
export const ACTIVITY_TYPES = [
  'general_assembly',
  'committee_meeting',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'life_meeting',
  'democratic_evaluation',
  'heart_talk',
  'joint_meeting',
  'study_session',
  'micro_lesson',
  'volunteer_service',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** planned → held, or planned → cancelled (with a reason). Only held activities count for compliance. */
export const ACTIVITY_STATES = ['planned', 'held', 'cancelled'] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];

export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Outcome of one rule-pack requirement for one organization and period. */
export const COMPLIANCE_STATUSES = ['met', 'missed', 'due', 'not_applicable'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];
