// Secretary project (书记项目) enums. Spellings follow the contract of issue 10; the API, the database and the
// web app rely on them.

/** draft → submitted → approved | returned → in_progress → completed → evaluated; cancelled from any open state. */
export const PROJECT_STATES = ['draft', 'submitted', 'returned', 'approved', 'in_progress', 'completed', 'evaluated', 'cancelled'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];

/** The moves a caller may ask for (every state but draft). */
export const PROJECT_TARGETS = ['submitted', 'approved', 'returned', 'in_progress', 'completed', 'evaluated', 'cancelled'] as const;
export type ProjectTarget = (typeof PROJECT_TARGETS)[number];

/**
 * The business a project serves: safety and environment, production and operations, loss reduction (降本增效), research
 * and innovation, talent, service to the public, other.
 */
export const BUSINESS_AREAS = ['safety_environment', 'production_operations', 'loss_reduction', 'research_innovation', 'talent', 'public_service', 'other'] as const;
export type BusinessArea = (typeof BUSINESS_AREAS)[number];

export const PROJECT_HEALTHS = ['on_track', 'at_risk', 'late'] as const;
export type ProjectHealth = (typeof PROJECT_HEALTHS)[number];

/** 好 / 较好 / 一般 / 差 */
export const GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type Grade = (typeof GRADES)[number];

/** Whether an indicator improves by going up (output, satisfaction) or down (losses, accidents, cost). */
export const DIRECTIONS = ['up', 'down'] as const;
export type Direction = (typeof DIRECTIONS)[number];
