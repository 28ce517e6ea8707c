import { describe, expect, it } from 'vitest';
import type { ProjectState, ProjectTarget } from './enums';
import { PROJECT_STATES, PROJECT_TARGETS } from './enums';
import { allowedTargets, isOpen, mayMove, move, nextActor, type Mover, type ProjectRecord } from './workflow';

const blank: ProjectRecord = {
  state: 'draft',
  noticeNo: null,
  approvedOn: null,
  returnComment: null,
  launchedOn: null,
  completedOn: null,
  closingReport: null,
  cancelReason: null,
  evaluatedOn: null,
};
const applicant: Mover = { applicant: true, organizer: false };
const organizer: Mover = { applicant: false, organizer: true };
const stranger: Mover = { applicant: false, organizer: false };
const ctx = { today: '2022-04-26', evaluations: 1 };

function walk(steps: [ProjectTarget, Mover, Partial<Parameters<typeof move>[1]>?][]) {
  let record = blank;
  for (const [to, who, extra] of steps) {
    const r = move(record, { to, ...extra }, who, ctx);
    if (!r.ok) throw new Error(`${to}: ${r.code}`);
    record = r.next;
  }
  return record;
}

describe('project workflow', () => {
  it('walks from draft to evaluated, recording the notice, the launch, the closing report', () => {
    const r = walk([
      ['submitted', applicant],
      ['returned', organizer, { note: '目标需量化' }],
      ['submitted', applicant],
      ['approved', organizer, { noticeNo: '茂港党〔2022〕12号' }],
      ['in_progress', organizer],
      ['completed', applicant, { note: '结项报告' }],
      ['evaluated', organizer],
    ]);
    expect(r).toMatchObject({ state: 'evaluated', noticeNo: '茂港党〔2022〕12号', approvedOn: '2022-04-26', launchedOn: '2022-04-26', closingReport: '结项报告', returnComment: null });
  });

  it('refuses every move the machine does not have with 409, before asking who moves', () => {
    for (const state of PROJECT_STATES) {
      for (const to of PROJECT_TARGETS) {
        const r = move({ ...blank, state }, { to, note: 'x', noticeNo: 'x', reason: 'x' }, { applicant: true, organizer: true }, ctx);
        expect(r.ok, `${state} → ${to}`).toBe(allowedTargets(state).includes(to));
        if (!r.ok) expect(r).toMatchObject({ status: 409, code: 'impossible_move' });
      }
    }
  });

  it('leaves approving, returning, launching and evaluating to the organizer', () => {
    for (const [state, to] of [['submitted', 'approved'], ['submitted', 'returned'], ['approved', 'in_progress'], ['completed', 'evaluated']] as [ProjectState, ProjectTarget][]) {
      const r = move({ ...blank, state }, { to, noticeNo: 'N', note: 'n' }, applicant, ctx);
      expect(r).toMatchObject({ ok: false, status: 403, code: 'not_organizer' });
      expect(move({ ...blank, state }, { to, noticeNo: 'N', note: 'n' }, organizer, ctx).ok).toBe(true);
    }
  });

  it('leaves submitting and completing to the applicant', () => {
    expect(move(blank, { to: 'submitted' }, organizer, ctx)).toMatchObject({ ok: false, status: 403, code: 'not_applicant' });
    expect(move({ ...blank, state: 'in_progress' }, { to: 'completed', note: 'x' }, stranger, ctx)).toMatchObject({ ok: false, status: 403 });
  });

  it('lets the applicant cancel only before approval, the organizer while open, with a reason', () => {
    expect(mayMove('returned', 'cancelled', applicant)).toBe(true);
    expect(mayMove('approved', 'cancelled', applicant)).toBe(false);
    expect(mayMove('in_progress', 'cancelled', organizer)).toBe(true);
    expect(move({ ...blank, state: 'in_progress' }, { to: 'cancelled' }, organizer, ctx)).toMatchObject({ ok: false, status: 400, field: 'reason' });
    expect(move({ ...blank, state: 'in_progress' }, { to: 'cancelled', reason: ' 人员调整 ' }, organizer, ctx)).toMatchObject({ ok: true, next: { state: 'cancelled', cancelReason: '人员调整' } });
    expect(isOpen('completed')).toBe(false);
    expect(isOpen('approved')).toBe(true);
  });

  it('asks for the notice number, the comments, the closing report, and a score before closing the evaluation', () => {
    expect(move({ ...blank, state: 'submitted' }, { to: 'approved', noticeNo: '  ' }, organizer, ctx)).toMatchObject({ ok: false, status: 400, field: 'noticeNo' });
    expect(move({ ...blank, state: 'submitted' }, { to: 'returned' }, organizer, ctx)).toMatchObject({ ok: false, field: 'note' });
    expect(move({ ...blank, state: 'in_progress' }, { to: 'completed' }, applicant, ctx)).toMatchObject({ ok: false, field: 'note' });
    expect(move({ ...blank, state: 'completed' }, { to: 'evaluated' }, organizer, { ...ctx, evaluations: 0 })).toMatchObject({ ok: false, status: 409, code: 'not_scored' });
  });

  it('names who acts next', () => {
    expect(nextActor('submitted')).toBe('organizer');
    expect(nextActor('returned')).toBe('applicant');
    expect(nextActor('completed')).toBe('organizer');
    expect(nextActor('draft')).toBeNull();
  });
});
