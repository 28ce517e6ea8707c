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

import type { MessageParams } from '../messages/text';

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

/** A field problem: a message code of domain/messages with its parameters; the server words it in the caller's language. */
export interface Problem {
  field: string;
  code: string;
  params?: MessageParams;
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
  const refuse = (status: 400 | 409, field: string, code: string, params?: MessageParams): TransitionResult => ({ ok: false, status, problem: { field, code, ...(params ? { params } : {}) } });
  if (!canTransition(record.state, input.to)) return refuse(409, 'to', 'bad_transition', { from: record.state, to: input.to });
  if (input.to !== 'open') {
    if (input.reporterIds !== undefined) return refuse(400, 'reporterIds', 'not_allowed');
    return { ok: true, state: input.to, openReporterIds: [...record.openReporterIds] };
  }
  if (record.codesIssued === 0) return refuse(409, 'codes', 'no_codes');
  const wanted = input.reporterIds ?? record.reporterIds;
  if (wanted.some((id) => !record.reporterIds.includes(id))) return refuse(400, 'reporterIds', 'unknown_reporter');
  if (wanted.length === 0) return refuse(400, 'reporterIds', 'required');
  const open = new Set(record.openReporterIds);
  const added = wanted.filter((id) => !open.has(id));
  if (record.state === 'open' && added.length === 0) return refuse(409, 'reporterIds', 'already_open');
  // speaking order is kept: the open list follows the order of the reporters
  const next = new Set([...open, ...added]);
  return { ok: true, state: 'open', openReporterIds: record.reporterIds.filter((id) => next.has(id)) };
}

/** Set-up can change only before scoring opens: a ballot is read against the scale, groups and criteria it was cast on. */
export const isEditable = (state: AssessmentState) => state === 'draft';
export const takesBallots = (state: AssessmentState) => state === 'open';
