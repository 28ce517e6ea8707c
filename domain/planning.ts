import { addDays } from './dates';
import type { ActivityType } from './enums';
import { isPeriodOver, splitPeriod, yearPeriod } from './periods';
import type { RulePack } from './rules/pack';

// A branch's yearly plan drawn from the rule pack: one planned activity for each unit of each
// requirement (a theme party day each month, a general assembly each quarter, …), on a relatively
// fixed day, leaving out what is already recorded and what is already over.

export interface PlanOrg {
  type: string;
  hasPartyGroups: boolean;
  hasCommittee: boolean;
}

export interface PlannedActivity {
  type: ActivityType;
  date: string;
  requirement: string;
}

/** Day of the unit each type is planned on (offset from its first day); a branch moves them as it likes. */
const DAY_OFFSET: Partial<Record<ActivityType, number>> = {
  committee_meeting: 4,
  group_meeting: 9,
  theme_day: 14,
  general_assembly: 19,
  party_lecture: 24,
};
/** Yearly activities go where the rules put them: the life meeting and the evaluation in Q4. */
const YEARLY_DATE: Partial<Record<ActivityType, string>> = {
  party_lecture: '-06-25',
  life_meeting: '-12-15',
  democratic_evaluation: '-12-16',
};
/** Talks need the two people of each pair; they are not planned blindly. */
const NOT_PLANNED: readonly ActivityType[] = ['heart_talk'];

export function planYear(input: { year: number; org: PlanOrg; pack: RulePack; existing: readonly { type: string; date: string }[]; today: string }): PlannedActivity[] {
  const out: PlannedActivity[] = [];
  const year = yearPeriod(input.year);
  const known = [...input.existing];
  // finer requirements first, so that four quarterly lectures also cover the yearly one
  const order = { month: 0, quarter: 1, year: 2 } as const;
  const requirements = Object.entries(input.pack.meetings.requirements).sort(([, a], [, b]) => order[a.per] - order[b.per]);
  for (const [id, req] of requirements) {
    if (!req.enabled || !req.appliesTo.includes(input.org.type as never) || NOT_PLANNED.includes(req.type)) continue;
    if (req.onlyIfPartyGroups && !input.org.hasPartyGroups) continue;
    if (req.onlyIfCommittee && !input.org.hasCommittee) continue;
    for (const unit of splitPeriod(year, req.per)) {
      if (isPeriodOver(unit, input.today)) continue;
      const already = known.filter((e) => e.type === req.type && e.date >= unit.start && e.date <= unit.end).length;
      for (let i = already; i < req.min; i++) {
        let date = req.per === 'year' && YEARLY_DATE[req.type] ? `${input.year}${YEARLY_DATE[req.type]}` : addDays(unit.start, (DAY_OFFSET[req.type] ?? 14) + i * 7);
        if (date > unit.end) date = unit.end;
        if (date < input.today) date = input.today;
        out.push({ type: req.type, date, requirement: id });
        known.push({ type: req.type, date });
      }
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
