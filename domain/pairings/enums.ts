// Pairing and co-construction (结对共建) enums. Spellings follow the glossary in shared/docs/product.md and the
// contract of issue 4; the API, the database and the web app rely on them.

/** draft → active → expired (automatically at the end date) or terminated (with a reason). */
export const PAIRING_STATES = ['draft', 'active', 'expired', 'terminated'] as const;
export type PairingState = (typeof PAIRING_STATES)[number];

/**
 * 提交 / 受理 / 办理中 / 办结 / 确认 / 重开: submitted → accepted → in_progress → resolved → confirmed, or
 * resolved → reopened → in_progress (see demands.ts for the whole machine).
 */
export const DEMAND_STATES = [
  'submitted',
  'accepted',
  'in_progress',
  'resolved',
  'confirmed',
  'reopened',
] as const;
export type DemandState = (typeof DEMAND_STATES)[number];

/**
 * Categories of needs, resources and demands: policy and services, talent and training, venues, market and business,
 * finance, safety and production, volunteer service, other.
 */
export const PAIRING_CATEGORIES = [
  'policy',
  'talent',
  'venue',
  'market',
  'finance',
  'safety',
  'volunteer',
  'other',
] as const;
export type PairingCategory = (typeof PAIRING_CATEGORIES)[number];

/** Urgency of a demand, least urgent first; it sets the time limit (deadlines.ts). */
export const URGENCIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** The three lists kept per pairing: 需求 / 资源 / 项目 清单. */
export const LIST_KINDS = ['need', 'resource', 'joint_project'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export const isPairingState = (v: unknown): v is PairingState =>
  (PAIRING_STATES as readonly unknown[]).includes(v);
export const isDemandState = (v: unknown): v is DemandState =>
  (DEMAND_STATES as readonly unknown[]).includes(v);
export const isPairingCategory = (v: unknown): v is PairingCategory =>
  (PAIRING_CATEGORIES as readonly unknown[]).includes(v);
export const isUrgency = (v: unknown): v is Urgency => (URGENCIES as readonly unknown[]).includes(v);
export const isListKind = (v: unknown): v is ListKind => (LIST_KINDS as readonly unknown[]).includes(v);
