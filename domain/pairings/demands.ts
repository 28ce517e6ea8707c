// The demand (诉求) workflow of a pairing, as a pure state machine.
//
//   submitted ──accept──▶ accepted ──▶ in_progress ──▶ resolved ──confirm──▶ confirmed
//                                        ▲   │ ▲ (progress note)   │
//                                        │   └─┘                   └─reopen─▶ reopened ──▶ in_progress
//
// Who may act:
// - accept: a party organization of the pairing other than the raiser; the demand is assigned to that organization
//   and a person (the given assignee, else the acting user) and gets its due date from the urgency (deadlines.ts);
// - start, progress notes, resolve, resume a reopened demand: the assigned organization, or the coordinator (to whom
//   an overdue demand escalates);
// - confirm (rating 1–5) or reopen (with a reason): only the raiser.
// An impossible transition is 409 (checked first), a wrong actor 403, a missing or invalid field 400 naming it.
// The result is the next record and one timeline entry for the audit; nothing is written here.

import { dueDate, type DeadlineOptions } from './deadlines';
import { messageText } from '../messages/registry';
import type { MessageParams } from '../messages/text';
import { isDemandState, type DemandState, type Urgency } from './enums';

export interface DemandRecord {
  state: DemandState;
  urgency: Urgency;
  raisedByOrgId: string;
  assignedOrgId: string | null;
  assigneeId?: string | null;
  acceptedOn?: string | null;
  dueOn: string | null;
  resolution?: string | null;
  resolvedOn?: string | null;
  rating: number | null;
  confirmedOn?: string | null;
  reopenReason?: string | null;
  reopenCount?: number;
}

export type TransitionTarget = Exclude<DemandState, 'submitted'>;

export interface TransitionInput {
  to: TransitionTarget;
  note?: string;
  resolution?: string;
  rating?: number;
  reason?: string;
  /** the person assigned on acceptance; defaults to the acting user */
  assigneeId?: string;
}

export interface DemandActor {
  orgId: string;
  /** acts for the coordinating organization of the pairing */
  isCoordinator: boolean;
  /** acts for the organization that raised the demand */
  isRaiser: boolean;
  userId?: string;
}

export interface TransitionContext {
  /** 'YYYY-MM-DD', China calendar date of the transition */
  today: string;
  /** the party organizations of the demand's pairing */
  partyOrgIds: readonly string[];
  deadlines?: DeadlineOptions;
}

export interface TransitionEvent {
  from: DemandState;
  to: DemandState;
  on: string;
  byOrgId: string;
  byUserId: string | null;
  note: string | null;
}

export type TransitionResult<T extends DemandRecord> =
  | { ok: true; next: T; event: TransitionEvent }
  | Refusal;

/** Every allowed move; anything else is 409. */
export const DEMAND_TRANSITIONS: Readonly<Record<DemandState, readonly TransitionTarget[]>> = {
  submitted: ['accepted'],
  accepted: ['in_progress'],
  in_progress: ['in_progress', 'resolved'],
  resolved: ['confirmed', 'reopened'],
  confirmed: [],
  reopened: ['in_progress'],
};

export const MAX_TEXT_LENGTH = 5000;

export function allowedTransitions(state: DemandState): readonly TransitionTarget[] {
  return DEMAND_TRANSITIONS[state];
}

export function canTransition(from: DemandState, to: DemandState): boolean {
  return (DEMAND_TRANSITIONS[from] as readonly DemandState[]).includes(to);
}

/** Who is notified after a demand reaches a state (null: nobody, the demand is closed). */
export type NextActor = 'partners' | 'assignee' | 'raiser' | null;

export function nextActor(state: DemandState): NextActor {
  switch (state) {
    case 'submitted':
      return 'partners';
    case 'accepted':
    case 'in_progress':
    case 'reopened':
      return 'assignee';
    case 'resolved':
      return 'raiser';
    case 'confirmed':
      return null;
  }
}

/** A refused move: a message code of domain/messages with its parameters; `message` is its English text. */
type Refusal = { ok: false; status: 409 | 403 | 400; field?: string; code: string; params: MessageParams; message: string };

const refuse = (status: 409 | 403 | 400, code: string, params: MessageParams = {}, field?: string): Refusal => {
  const message = messageText(code, params, 'en') ?? code;
  return field === undefined ? { ok: false, status, code, params, message } : { ok: false, status, field, code, params, message };
};

/** A trimmed non-empty text within the length limit, or a 400 refusal. */
function text(value: unknown, field: string, required: boolean): string | null | Refusal {
  if (value === undefined || value === null)
    return required ? refuse(400, 'required', {}, field) : null;
  if (typeof value !== 'string') return refuse(400, 'not_text', {}, field);
  const t = value.trim();
  if (t === '') return required ? refuse(400, 'required', {}, field) : null;
  if (t.length > MAX_TEXT_LENGTH)
    return refuse(400, 'too_long', { limit: MAX_TEXT_LENGTH }, field);
  return t;
}

const isRefusal = (v: unknown): v is Refusal => typeof v === 'object' && v !== null && 'ok' in v;

function isAssignedSide(demand: DemandRecord, actor: DemandActor): boolean {
  return actor.isCoordinator || (demand.assignedOrgId !== null && actor.orgId === demand.assignedOrgId);
}

export function transition<T extends DemandRecord>(
  demand: T,
  input: TransitionInput,
  actor: DemandActor,
  context: TransitionContext,
): TransitionResult<T> {
  const from = demand.state;
  const to = input.to;
  if (!isDemandState(to)) return refuse(400, 'demand_state_unknown', {}, 'to');
  if (!canTransition(from, to)) return refuse(409, 'demand_transition', { from, to: String(to) });

  const note = text(input.note, 'note', from === 'in_progress' && to === 'in_progress');
  if (isRefusal(note)) return note;
  const event = (eventNote: string | null): TransitionEvent => ({
    from,
    to,
    on: context.today,
    byOrgId: actor.orgId,
    byUserId: actor.userId ?? null,
    note: eventNote,
  });

  switch (to) {
    case 'accepted': {
      if (actor.isRaiser || actor.orgId === demand.raisedByOrgId)
        return refuse(403, 'demand_own_accept');
      if (!context.partyOrgIds.includes(actor.orgId))
        return refuse(403, 'demand_partner_accepts');
      const assignee = text(input.assigneeId ?? actor.userId, 'assigneeId', true);
      if (isRefusal(assignee)) return assignee;
      const next: T = {
        ...demand,
        state: to,
        assignedOrgId: actor.orgId,
        assigneeId: assignee,
        acceptedOn: context.today,
        dueOn: dueDate(context.today, demand.urgency, context.deadlines),
      };
      return { ok: true, next, event: event(note) };
    }
    case 'in_progress': {
      if (!isAssignedSide(demand, actor))
        return refuse(403, 'demand_assigned_works');
      return { ok: true, next: { ...demand, state: to }, event: event(note) };
    }
    case 'resolved': {
      if (!isAssignedSide(demand, actor))
        return refuse(403, 'demand_assigned_resolves');
      const resolution = text(input.resolution, 'resolution', true);
      if (isRefusal(resolution)) return resolution;
      const next: T = { ...demand, state: to, resolution, resolvedOn: context.today };
      return { ok: true, next, event: event(note ?? resolution) };
    }
    case 'confirmed': {
      if (!actor.isRaiser) return refuse(403, 'demand_raiser_confirms');
      const rating = input.rating;
      if (rating === undefined || rating === null) return refuse(400, 'required', {}, 'rating');
      if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5)
        return refuse(400, 'rating_range', {}, 'rating');
      const next: T = { ...demand, state: to, rating, confirmedOn: context.today };
      return { ok: true, next, event: event(note) };
    }
    case 'reopened': {
      if (!actor.isRaiser) return refuse(403, 'demand_raiser_reopens');
      const reason = text(input.reason, 'reason', true);
      if (isRefusal(reason)) return reason;
      const next: T = {
        ...demand,
        state: to,
        reopenReason: reason,
        resolvedOn: null,
        reopenCount: (demand.reopenCount ?? 0) + 1,
      };
      return { ok: true, next, event: event(note ?? reason) };
    }
  }
}
