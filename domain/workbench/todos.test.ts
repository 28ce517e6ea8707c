import { describe, expect, it } from 'vitest';
import { assessmentTodoKind, demandTodoKind, settledDemandKinds, type DemandFacts } from './todos';

const demand = (extra: Partial<DemandFacts>): DemandFacts => ({
  state: 'submitted',
  raisedByOrgId: 'B1',
  assignedOrgId: null,
  assigneeId: null,
  escalatedOn: null,
  ...extra,
});
const partner = { userId: 'u1', actingOrgIds: ['A1'], coordinator: false };
const raiser = { userId: 'u2', actingOrgIds: ['B1'], coordinator: false };

describe('demandTodoKind', () => {
  it('asks the partner to accept, the assignee to work, the raiser to confirm', () => {
    expect(demandTodoKind(demand({}), partner)).toBe('demand_accept');
    expect(demandTodoKind(demand({}), raiser)).toBeNull();
    const accepted = demand({ state: 'in_progress', assignedOrgId: 'A1', assigneeId: 'u1' });
    expect(demandTodoKind(accepted, partner)).toBe('demand_work');
    expect(demandTodoKind(accepted, { ...partner, userId: 'u3' })).toBeNull();
    expect(
      demandTodoKind(demand({ state: 'reopened', assignedOrgId: 'A1' }), { ...partner, userId: 'u3' }),
    ).toBe('demand_work');
    expect(demandTodoKind(demand({ state: 'resolved', assignedOrgId: 'A1', assigneeId: 'u1' }), raiser)).toBe(
      'demand_confirm',
    );
    expect(
      demandTodoKind(demand({ state: 'resolved', assignedOrgId: 'A1', assigneeId: 'u1' }), partner),
    ).toBeNull();
    expect(demandTodoKind(demand({ state: 'confirmed' }), raiser)).toBeNull();
  });

  it('asks the coordinator to follow up an escalated demand only', () => {
    const coordinator = { userId: 'z', actingOrgIds: [], coordinator: true };
    expect(
      demandTodoKind(demand({ state: 'accepted', assignedOrgId: 'A1', assigneeId: 'u1' }), coordinator),
    ).toBeNull();
    expect(
      demandTodoKind(
        demand({ state: 'accepted', assignedOrgId: 'A1', assigneeId: 'u1', escalatedOn: '2026-01-02' }),
        coordinator,
      ),
    ).toBe('demand_escalated');
  });
});

describe('settledDemandKinds', () => {
  it('settles the reminders whose step no longer waits once the demand moves', () => {
    expect(settledDemandKinds({ state: 'accepted', escalatedOn: null }).sort()).toEqual([
      'demand_escalated',
      'demand_resolved',
      'demand_submitted',
    ]);
    // working on it still waits for the assignee: the reminder handing it over stays
    expect(settledDemandKinds({ state: 'in_progress', escalatedOn: null })).not.toContain('demand_accepted');
    // an escalated one stays with the coordinator until it is resolved
    expect(settledDemandKinds({ state: 'in_progress', escalatedOn: '2026-01-02' })).not.toContain(
      'demand_escalated',
    );
    expect(settledDemandKinds({ state: 'resolved', escalatedOn: '2026-01-02' }).sort()).toEqual([
      'demand_accepted',
      'demand_escalated',
      'demand_in_progress',
      'demand_reopened',
      'demand_submitted',
    ]);
    expect(settledDemandKinds({ state: 'reopened', escalatedOn: null })).toContain('demand_resolved');
    // a rating only tells: it is never settled for its reader
    expect(settledDemandKinds({ state: 'confirmed', escalatedOn: null })).not.toContain('demand_confirmed');
    expect(settledDemandKinds({ state: 'confirmed', escalatedOn: null })).toContain('demand_resolved');
  });
});

describe('assessmentTodoKind', () => {
  it('asks to prepare a draft held within two weeks and to follow one scoring now', () => {
    expect(assessmentTodoKind({ state: 'draft', heldOn: '2026-12-17' }, '2026-12-03')).toBe(
      'assessment_prepare',
    );
    expect(assessmentTodoKind({ state: 'draft', heldOn: '2026-12-18' }, '2026-12-03')).toBeNull();
    expect(assessmentTodoKind({ state: 'open', heldOn: '2026-12-01' }, '2026-12-03')).toBe('assessment_open');
    expect(assessmentTodoKind({ state: 'closed', heldOn: '2026-12-01' }, '2026-12-03')).toBeNull();
  });
});
