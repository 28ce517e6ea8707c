// The life of an assessment, as a pure state machine:
//
//   draft ──open──▶ open ──close──▶ closed ──publish──▶ published
//                   │  ▲
//                   └──┘ open more reporters (as each finishes speaking)
//
// Opening needs codes issued; it opens the given reporters, or every reporter. While open, further reporters can be
// opened; none is closed on its own (a ballot once cast for an open reporter must stay countable). Ballots are taken
// only in `open`, for open reporters. Set-up (scale, thresholds, groups, venues, criteria, reporters) is editable in
// `draft` only. An impossible move is 409 with a code; an unknown reporter 400 naming the field.

export const ASSESSMENT_STATES = ['draft', 'open', 'closed', 'published'] as const;
export type AssessmentState = (typeof ASSESSMENT_STATES)[number];
export type TransitionTarget = Exclude<AssessmentState, 'draft'>;

export interface AssessmentRecord {
  state: AssessmentState;
  reporterIds: readonly string[];
  openReporterIds: readonly string[];
  codesIssued: number;
}

export interface TransitionInput {
  to: TransitionTarget;
  reporterIds?: readonly string[];
}

export interface Problem {
  field: string;
  code: string;
  message: string;
}

export type TransitionResult =
  | { ok: true; state: AssessmentState; openReporterIds: string[] }
  | { ok: false; status: 400 | 409; problem: Problem };

const FROM: Record<TransitionTarget, readonly AssessmentState[]> = {
  open: ['draft', 'open'],
  closed: ['open'],
  published: ['closed'],
};

export function canTransition(state: AssessmentState, to: TransitionTarget): boolean {
  return FROM[to].includes(state);
}

export function allowedTransitions(record: AssessmentRecord): TransitionTarget[] {
  return (['open', 'closed', 'published'] as const).filter((to) => transition(record, { to }).ok);
}

export function transition(record: AssessmentRecord, input: TransitionInput): TransitionResult {
  const refuse = (status: 400 | 409, field: string, code: string, message: string): TransitionResult => ({ ok: false, status, problem: { field, code, message } });
  if (!canTransition(record.state, input.to)) return refuse(409, 'to', 'bad_transition', `an assessment in ${record.state} cannot move to ${input.to}`);
  if (input.to !== 'open') {
    if (input.reporterIds !== undefined) return refuse(400, 'reporterIds', 'not_allowed', 'reporters are named only when opening');
    return { ok: true, state: input.to, openReporterIds: [...record.openReporterIds] };
  }
  if (record.codesIssued === 0) return refuse(409, 'codes', 'no_codes', 'issue ballot codes before opening');
  const wanted = input.reporterIds ?? record.reporterIds;
  const unknown = wanted.find((id) => !record.reporterIds.includes(id));
  if (unknown !== undefined) return refuse(400, 'reporterIds', 'unknown_reporter', `${unknown} is not a reporter of this assessment`);
  if (wanted.length === 0) return refuse(400, 'reporterIds', 'required', 'name at least one reporter');
  const open = new Set(record.openReporterIds);
  const added = wanted.filter((id) => !open.has(id));
  if (record.state === 'open' && added.length === 0) return refuse(409, 'reporterIds', 'already_open', 'these reporters are already open');
  // speaking order is kept: the open list follows the order of the reporters
  const next = new Set([...open, ...added]);
  return { ok: true, state: 'open', openReporterIds: record.reporterIds.filter((id) => next.has(id)) };
}

/** Set-up can change only before scoring opens: a ballot is read against the scale, groups and criteria it was cast on. */
export const isEditable = (state: AssessmentState) => state === 'draft';
export const takesBallots = (state: AssessmentState) => state === 'open';
