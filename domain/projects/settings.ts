// The organizer's thresholds for a campaign, with the defaults of issue 10. Kept with the campaign so a later change of
// policy never rewrites an earlier year's health.

export interface CampaignSettings {
  /** a milestone not done this many days after its due date puts the project at risk (0: the day after it is due) */
  milestoneOverdueDays: number;
  /** an obstacle still open after this many days puts the project at risk */
  obstacleDays: number;
  /** this many weekly reports missing in a row put the project at risk */
  missingReports: number;
  /** the field supervisor visits at least once every this many months */
  supervisionMonths: number;
  /** a milestone is reminded this many days before it is due */
  milestoneDaysBefore: number;
}

export const DEFAULT_SETTINGS: CampaignSettings = { milestoneOverdueDays: 0, obstacleDays: 14, missingReports: 2, supervisionMonths: 1, milestoneDaysBefore: 3 };

export function effectiveSettings(stored: Partial<CampaignSettings> | null | undefined): CampaignSettings {
  return { ...DEFAULT_SETTINGS, ...(stored ?? {}) };
}
