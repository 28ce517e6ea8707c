import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  canTransition,
  nextActor,
  transition,
  type DemandActor,
  type DemandRecord,
  type TransitionContext,
  type TransitionInput,
} from './demands';
import { DEMAND_STATES, type DemandState } from './enums';

interface Demand extends DemandRecord {
  id: string;
  title: string;
}

const base: Demand = {
  id: 'd1',
  title: '政策解读',
  state: 'submitted',
  urgency: 'high',
  raisedByOrgId: 'ent',
  assignedOrgId: null,
  dueOn: null,
  rating: null,
};
const at = (state: DemandState, extra: Partial<Demand> = {}): Demand => ({
  ...base,
  assignedOrgId: state === 'submitted' ? null : 'organ',
  dueOn: state === 'submitted' ? null : '2025-09-08',
  ...extra,
  state,
});

const ctx: TransitionContext = { today: '2025-09-01', partyOrgIds: ['ent', 'organ', 'organ2'] };
const raiser: DemandActor = { orgId: 'ent', isCoordinator: false, isRaiser: true, userId: 'u-ent' };
const partner: DemandActor = { orgId: 'organ', isCoordinator: false, isRaiser: false, userId: 'u-organ' };
const otherPartner: DemandActor = {
  orgId: 'organ2',
  isCoordinator: false,
  isRaiser: false,
  userId: 'u-organ2',
};
const coordinator: DemandActor = { orgId: 'zone', isCoordinator: true, isRaiser: false, userId: 'u-zone' };
const outsider: DemandActor = { orgId: 'elsewhere', isCoordinator: false, isRaiser: false, userId: 'u-x' };

const ok = (d: Demand, input: TransitionInput, actor: DemandActor, c: TransitionContext = ctx) => {
  const r = transition(d, input, actor, c);
  if (!r.ok) throw new Error(`refused: ${r.status} ${r.message}`);
  return r;
};

describe('demand transitions', () => {
  it('a partner accepts: assigned to it and a person, due date from the urgency', () => {
    const r = ok(base, { to: 'accepted' }, partner);
    expect(r.next).toMatchObject({
      id: 'd1',
      title: '政策解读',
      state: 'accepted',
      assignedOrgId: 'organ',
      assigneeId: 'u-organ',
      acceptedOn: '2025-09-01',
      dueOn: '2025-09-08',
    });
    expect(r.event).toEqual({
      from: 'submitted',
      to: 'accepted',
      on: '2025-09-01',
      byOrgId: 'organ',
      byUserId: 'u-organ',
      note: null,
    });
    expect(base.state).toBe('submitted'); // input untouched
  });

  it('accepting uses a named assignee and the configured time limits', () => {
    const r = ok(base, { to: 'accepted', assigneeId: 'u-li', note: '已受理' }, partner, {
      ...ctx,
      deadlines: { counting: 'working', limits: { high: 5 } },
    });
    expect(r.next.assigneeId).toBe('u-li');
    expect(r.next.dueOn).toBe('2025-09-08'); // Mon + 5 working days
    expect(r.event.note).toBe('已受理');
  });

  it('accepted → in_progress by the assigned organization, with an optional note', () => {
    const r = ok(at('accepted'), { to: 'in_progress' }, partner);
    expect(r.next.state).toBe('in_progress');
    expect(r.event.note).toBeNull();
  });

  it('in_progress → in_progress records a progress note', () => {
    const r = ok(at('in_progress'), { to: 'in_progress', note: '  已联系税务部门  ' }, partner);
    expect(r.next.state).toBe('in_progress');
    expect(r.event.note).toBe('已联系税务部门');
  });

  it('in_progress → resolved with the resolution', () => {
    const r = ok(at('in_progress'), { to: 'resolved', resolution: '已解读政策' }, partner, {
      ...ctx,
      today: '2025-09-05',
    });
    expect(r.next).toMatchObject({ state: 'resolved', resolution: '已解读政策', resolvedOn: '2025-09-05' });
  });

  it('the coordinator may work on and resolve an escalated demand', () => {
    expect(ok(at('accepted'), { to: 'in_progress' }, coordinator).next.state).toBe('in_progress');
    expect(ok(at('in_progress'), { to: 'resolved', resolution: '协调解决' }, coordinator).next.state).toBe(
      'resolved',
    );
  });

  it('resolved → confirmed by the raiser with a rating', () => {
    const r = ok(
      at('resolved', { resolution: 'x', resolvedOn: '2025-09-05' }),
      { to: 'confirmed', rating: 5 },
      raiser,
      {
        ...ctx,
        today: '2025-09-06',
      },
    );
    expect(r.next).toMatchObject({ state: 'confirmed', rating: 5, confirmedOn: '2025-09-06' });
  });

  it('resolved → reopened by the raiser with a reason, then back to in_progress', () => {
    const r = ok(
      at('resolved', { resolvedOn: '2025-09-05' }),
      { to: 'reopened', reason: '仍未解决' },
      raiser,
    );
    expect(r.next).toMatchObject({
      state: 'reopened',
      reopenReason: '仍未解决',
      resolvedOn: null,
      reopenCount: 1,
    });
    expect(r.event.note).toBe('仍未解决');
    const again = ok(r.next, { to: 'in_progress' }, partner);
    expect(again.next.state).toBe('in_progress');
    expect(again.next.reopenCount).toBe(1);
  });
});

describe('demand refusals', () => {
  it('409 for every transition not in the machine', () => {
    const allowed: Record<DemandState, DemandState[]> = {
      submitted: ['accepted'],
      accepted: ['in_progress'],
      in_progress: ['in_progress', 'resolved'],
      resolved: ['confirmed', 'reopened'],
      confirmed: [],
      reopened: ['in_progress'],
    };
    for (const from of DEMAND_STATES) {
      for (const to of DEMAND_STATES) {
        expect(canTransition(from, to)).toBe(allowed[from].includes(to));
        if (allowed[from].includes(to)) continue;
        const r = transition(at(from), { to: to as TransitionInput['to'] }, coordinator, ctx);
        expect(r, `${from} → ${to}`).toMatchObject({ ok: false, status: 409 });
      }
    }
    expect(allowedTransitions('confirmed')).toEqual([]);
  });

  it('409 is reported before the actor and the fields are checked', () => {
    expect(transition(at('confirmed'), { to: 'confirmed', rating: 9 }, outsider, ctx)).toMatchObject({
      status: 409,
    });
  });

  it('400 for a target that is not a state', () => {
    const r = transition(base, { to: 'done' as never }, partner, ctx);
    expect(r).toMatchObject({ ok: false, status: 400, field: 'to' });
  });

  it('403 when the raiser accepts its own demand, or an outsider or coordinator does', () => {
    expect(transition(base, { to: 'accepted' }, raiser, ctx)).toMatchObject({ status: 403 });
    // same organization as the raiser without the flag
    expect(transition(base, { to: 'accepted' }, { ...partner, orgId: 'ent' }, ctx)).toMatchObject({
      status: 403,
    });
    expect(transition(base, { to: 'accepted' }, outsider, ctx)).toMatchObject({ status: 403 });
    expect(transition(base, { to: 'accepted' }, coordinator, ctx)).toMatchObject({ status: 403 });
  });

  it('400 on accept without an assignee', () => {
    const r = transition(
      base,
      { to: 'accepted' },
      { orgId: 'organ', isCoordinator: false, isRaiser: false },
      ctx,
    );
    expect(r).toMatchObject({ ok: false, status: 400, field: 'assigneeId' });
  });

  it('403 when another partner, the raiser or an outsider works on or resolves the demand', () => {
    for (const actor of [otherPartner, raiser, outsider]) {
      expect(transition(at('accepted'), { to: 'in_progress' }, actor, ctx)).toMatchObject({ status: 403 });
      expect(transition(at('in_progress'), { to: 'in_progress', note: 'n' }, actor, ctx)).toMatchObject({
        status: 403,
      });
      expect(transition(at('in_progress'), { to: 'resolved', resolution: 'r' }, actor, ctx)).toMatchObject({
        status: 403,
      });
      expect(transition(at('reopened'), { to: 'in_progress' }, actor, ctx)).toMatchObject({ status: 403 });
    }
  });

  it('400 for a progress note or resolution that is missing or blank', () => {
    expect(transition(at('in_progress'), { to: 'in_progress' }, partner, ctx)).toMatchObject({
      status: 400,
      field: 'note',
    });
    expect(transition(at('in_progress'), { to: 'in_progress', note: '  ' }, partner, ctx)).toMatchObject({
      status: 400,
      field: 'note',
    });
    expect(transition(at('in_progress'), { to: 'resolved' }, partner, ctx)).toMatchObject({
      status: 400,
      field: 'resolution',
    });
    expect(transition(at('in_progress'), { to: 'resolved', resolution: '' }, partner, ctx)).toMatchObject({
      status: 400,
      field: 'resolution',
    });
    expect(
      transition(at('in_progress'), { to: 'resolved', resolution: 'x'.repeat(5001) }, partner, ctx),
    ).toMatchObject({
      status: 400,
      field: 'resolution',
    });
    expect(transition(at('accepted'), { to: 'in_progress', note: 42 as never }, partner, ctx)).toMatchObject({
      status: 400,
      field: 'note',
    });
  });

  it('403 when anyone but the raiser confirms or reopens, even the coordinator', () => {
    for (const actor of [partner, coordinator, outsider]) {
      expect(transition(at('resolved'), { to: 'confirmed', rating: 5 }, actor, ctx)).toMatchObject({
        status: 403,
      });
      expect(transition(at('resolved'), { to: 'reopened', reason: 'r' }, actor, ctx)).toMatchObject({
        status: 403,
      });
    }
  });

  it('400 for a missing rating or one outside 1–5 or not whole', () => {
    for (const rating of [undefined, 0, 6, 4.5, -1, Number.NaN, '5' as never]) {
      const r = transition(at('resolved'), { to: 'confirmed', rating }, raiser, ctx);
      expect(r, String(rating)).toMatchObject({ ok: false, status: 400, field: 'rating' });
    }
    for (const rating of [1, 5])
      expect(transition(at('resolved'), { to: 'confirmed', rating }, raiser, ctx).ok).toBe(true);
  });

  it('400 for reopening without a reason', () => {
    expect(transition(at('resolved'), { to: 'reopened' }, raiser, ctx)).toMatchObject({
      status: 400,
      field: 'reason',
    });
    expect(transition(at('resolved'), { to: 'reopened', reason: ' ' }, raiser, ctx)).toMatchObject({
      status: 400,
      field: 'reason',
    });
  });
});

describe('nextActor', () => {
  it('names who is notified after each state', () => {
    expect(DEMAND_STATES.map((s) => [s, nextActor(s)])).toEqual([
      ['submitted', 'partners'],
      ['accepted', 'assignee'],
      ['in_progress', 'assignee'],
      ['resolved', 'raiser'],
      ['confirmed', null],
      ['reopened', 'assignee'],
    ]);
  });
});
