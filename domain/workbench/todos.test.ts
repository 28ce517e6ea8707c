import { describe, expect, it } from 'vitest';
import { demandTodoKind, notificationsToResolve, type DemandFacts } from './todos';

const demand = (extra: Partial<DemandFacts>): DemandFacts => ({ state: 'submitted', raisedByOrgId: 'B1', assignedOrgId: null, assigneeId: null, escalatedOn: null, ...extra });
const partner = { userId: 'u1', actingOrgIds: ['A1'], coordinator: false };
const raiser = { userId: 'u2', actingOrgIds: ['B1'], coordinator: false };

describe('demandTodoKind', () => {
  it('asks the partner to accept, the assignee to work, the raiser to confirm', () => {
    expect(demandTodoKind(demand({}), partner)).toBe('demand_accept');
    expect(demandTodoKind(demand({}), raiser)).toBeNull();
    const accepted = demand({ state: 'in_progress', assignedOrgId: 'A1', assigneeId: 'u1' });
    expect(demandTodoKind(accepted, partner)).toBe('demand_work');
    expect(demandTodoKind(accepted, { ...partner, userId: 'u3' })).toBeNull();
    expect(demandTodoKind(demand({ state: 'reopened', assignedOrgId: 'A1' }), { ...partner, userId: 'u3' })).toBe('demand_work');
    expect(demandTodoKind(demand({ state: 'resolved', assignedOrgId: 'A1', assigneeId: 'u1' }), raiser)).toBe('demand_confirm');
    expect(demandTodoKind(demand({ state: 'resolved', assignedOrgId: 'A1', assigneeId: 'u1' }), partner)).toBeNull();
    expect(demandTodoKind(demand({ state: 'confirmed' }), raiser)).toBeNull();
  });

  it('asks the coordinator to follow up an escalated demand only', () => {
    const coordinator = { userId: 'z', actingOrgIds: [], coordinator: true };
    expect(demandTodoKind(demand({ state: 'accepted', assignedOrgId: 'A1', assigneeId: 'u1' }), coordinator)).toBeNull();
    expect(demandTodoKind(demand({ state: 'accepted', assignedOrgId: 'A1', assigneeId: 'u1', escalatedOn: '2026-01-02' }), coordinator)).toBe('demand_escalated');
  });
});

describe('notificationsToResolve', () => {
  const todo = { kind: 'demand_work' as const, subjectType: 'demand' as const, subjectId: 'd1', title: '', orgId: 'A1' };
  const due = { kind: 'activity_due' as const, subjectType: 'org' as const, subjectId: 'A1', title: '', orgId: 'A1', key: 'activity_due:A1:r1:2026-12' };
  it('resolves a demand reminder whose step no longer waits, and a keyed one whose to-do is gone', () => {
    const unread = [
      { id: 'n1', kind: 'demand_submitted' as const, key: 'x', subjectId: 'd1', orgId: 'B1' },
      { id: 'n2', kind: 'demand_accepted' as const, key: 'y', subjectId: 'd1', orgId: 'A1' },
      { id: 'n3', kind: 'activity_due' as const, key: 'activity_due:A1:r1:2026-12', subjectId: 'A1', orgId: 'A1' },
      { id: 'n4', kind: 'activity_due' as const, key: 'activity_due:A1:r2:2026-12', subjectId: 'A1', orgId: 'A1' },
      { id: 'n5', kind: 'activity_due' as const, key: 'activity_due:A2:r2:2026-12', subjectId: 'A2', orgId: 'A2' },
      { id: 'n6', kind: 'demand_confirmed' as const, key: 'z', subjectId: 'd1', orgId: 'B1' },
    ];
    expect(notificationsToResolve(unread, [todo, due], { demands: true, orgIds: new Set(['A1']) })).toEqual(['n1', 'n4']);
    expect(notificationsToResolve(unread, [todo, due], { demands: false, orgIds: new Set() })).toEqual([]);
  });
});
