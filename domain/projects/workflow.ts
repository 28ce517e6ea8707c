import type { ProjectState, ProjectTarget } from './enums';

// The life of a secretary project. The applicant (whoever acts for the applying organization, or the project's
// leader) drafts, submits, fixes a returned application, files reports and closes the project; the organizer (whoever
// acts for the committee that runs the campaign) approves or returns, launches, evaluates. Either may cancel while the
// project is open, the applicant only before approval. Pure: the service feeds the record and writes what comes back.

export const OPEN_STATES: readonly ProjectState[] = ['draft', 'submitted', 'returned', 'approved', 'in_progress'];
export const isOpen = (state: ProjectState) => OPEN_STATES.includes(state);

/** The states a project may move to from each state, whoever asks. */
const MOVES: Record<ProjectState, readonly ProjectTarget[]> = {
  draft: ['submitted', 'cancelled'],
  submitted: ['approved', 'returned', 'cancelled'],
  returned: ['submitted', 'cancelled'],
  approved: ['in_progress', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: ['evaluated'],
  evaluated: [],
  cancelled: [],
};

export function allowedTargets(state: ProjectState): readonly ProjectTarget[] {
  return MOVES[state];
}

export interface ProjectRecord {
  state: ProjectState;
  noticeNo: string | null;
  approvedOn: string | null;
  returnComment: string | null;
  launchedOn: string | null;
  completedOn: string | null;
  closingReport: string | null;
  cancelReason: string | null;
  evaluatedOn: string | null;
}

export interface MoveInput {
  to: ProjectTarget;
  note?: string;
  noticeNo?: string;
  reason?: string;
}

export interface Mover {
  /** acts for the applying organization, or is the project's leader */
  applicant: boolean;
  /** acts for the campaign's organizer */
  organizer: boolean;
}

export interface MoveContext {
  today: string;
  /** how many evaluations the project has (it is evaluated only once scored) */
  evaluations: number;
}

export type MoveResult =
  | { ok: true; next: ProjectRecord }
  /** a refusal as a catalog code (domain/messages/projects.ts) and its parameters; a 400 is that field's problem */
  | { ok: false; status: 400 | 403 | 409; code: string; params?: Record<string, string>; field?: string };

/** Who may make a move: the organizer's moves, the applicant's, and cancelling (both before approval, then the organizer). */
export function mayMove(state: ProjectState, to: ProjectTarget, who: Mover): boolean {
  switch (to) {
    case 'submitted':
    case 'completed':
      return who.applicant;
    case 'approved':
    case 'returned':
    case 'in_progress':
    case 'evaluated':
      return who.organizer;
    case 'cancelled':
      return who.organizer || (who.applicant && (state === 'draft' || state === 'submitted' || state === 'returned'));
  }
}

const text = (v: string | undefined) => v?.trim() ?? '';

export function move(record: ProjectRecord, input: MoveInput, who: Mover, ctx: MoveContext): MoveResult {
  const { to } = input;
  if (!MOVES[record.state].includes(to)) {
    return { ok: false, status: 409, code: 'impossible_move', params: { from: record.state, to }, field: 'to' };
  }
  if (!mayMove(record.state, to, who)) {
    const organizerOnly = to === 'approved' || to === 'returned' || to === 'in_progress' || to === 'evaluated' || to === 'cancelled';
    return { ok: false, status: 403, code: organizerOnly ? 'not_organizer' : 'not_applicant', params: { to } };
  }
  const next: ProjectRecord = { ...record, state: to };
  switch (to) {
    case 'submitted':
      break;
    case 'approved':
      if (!text(input.noticeNo)) return { ok: false, status: 400, code: 'notice_no_required', field: 'noticeNo' };
      next.noticeNo = text(input.noticeNo);
      next.approvedOn = ctx.today;
      next.returnComment = null;
      break;
    case 'returned':
      if (!text(input.note)) return { ok: false, status: 400, code: 'return_note_required', field: 'note' };
      next.returnComment = text(input.note);
      break;
    case 'in_progress':
      next.launchedOn = ctx.today;
      break;
    case 'completed':
      if (!text(input.note)) return { ok: false, status: 400, code: 'closing_report_required', field: 'note' };
      next.closingReport = text(input.note);
      next.completedOn = ctx.today;
      break;
    case 'evaluated':
      if (ctx.evaluations === 0) return { ok: false, status: 409, code: 'not_scored', field: 'to' };
      next.evaluatedOn = ctx.today;
      break;
    case 'cancelled':
      if (!text(input.reason)) return { ok: false, status: 400, code: 'cancel_reason_required', field: 'reason' };
      next.cancelReason = text(input.reason);
      break;
  }
  return { ok: true, next };
}

/** Whose turn it is after a move, for the notice: the organizer reviews and evaluates, the applicant works. */
export function nextActor(state: ProjectState): 'organizer' | 'applicant' | null {
  switch (state) {
    case 'submitted':
    case 'completed':
      return 'organizer';
    case 'returned':
    case 'approved':
    case 'in_progress':
    case 'evaluated':
    case 'cancelled':
      return 'applicant';
    case 'draft':
      return null;
  }
}
