import { describe, expect, it } from 'vitest';
import { allowedTransitions, transition, type AssessmentRecord } from './states';

const draft: AssessmentRecord = { state: 'draft', reporterIds: ['a', 'b', 'c'], openReporterIds: [], codesIssued: 10 };

describe('assessment states', () => {
  it('opens every reporter by default, or the named ones in speaking order', () => {
    expect(transition(draft, { to: 'open' })).toEqual({ ok: true, state: 'open', openReporterIds: ['a', 'b', 'c'] });
    const first = transition(draft, { to: 'open', reporterIds: ['b'] });
    expect(first).toEqual({ ok: true, state: 'open', openReporterIds: ['b'] });
    const more = transition({ ...draft, state: 'open', openReporterIds: ['b'] }, { to: 'open', reporterIds: ['a'] });
    expect(more).toEqual({ ok: true, state: 'open', openReporterIds: ['a', 'b'] });
  });

  it('refuses to open without codes, an unknown reporter, or reporters already open', () => {
    expect(transition({ ...draft, codesIssued: 0 }, { to: 'open' })).toMatchObject({ ok: false, status: 409, problem: { code: 'no_codes' } });
    expect(transition(draft, { to: 'open', reporterIds: ['z'] })).toMatchObject({ ok: false, status: 400, problem: { field: 'reporterIds', code: 'unknown_reporter' } });
    expect(transition({ ...draft, state: 'open', openReporterIds: ['a'] }, { to: 'open', reporterIds: ['a'] })).toMatchObject({ ok: false, problem: { code: 'already_open' } });
  });

  it('goes draft → open → closed → published and never back', () => {
    const open = { ...draft, state: 'open' as const, openReporterIds: ['a'] };
    expect(transition(open, { to: 'closed' })).toMatchObject({ ok: true, state: 'closed', openReporterIds: ['a'] });
    expect(transition({ ...open, state: 'closed' }, { to: 'published' })).toMatchObject({ ok: true, state: 'published' });
    expect(transition(draft, { to: 'closed' })).toMatchObject({ ok: false, status: 409, problem: { code: 'bad_transition' } });
    expect(transition(draft, { to: 'published' })).toMatchObject({ ok: false, problem: { code: 'bad_transition' } });
    expect(transition({ ...draft, state: 'closed' }, { to: 'open' })).toMatchObject({ ok: false, problem: { code: 'bad_transition' } });
    expect(transition({ ...draft, state: 'published' }, { to: 'closed' })).toMatchObject({ ok: false, problem: { code: 'bad_transition' } });
  });

  it('lists the moves open to each state', () => {
    expect(allowedTransitions(draft)).toEqual(['open']);
    expect(allowedTransitions({ ...draft, state: 'open', openReporterIds: ['a'] })).toEqual(['open', 'closed']);
    expect(allowedTransitions({ ...draft, state: 'open', openReporterIds: ['a', 'b', 'c'] })).toEqual(['closed']);
    expect(allowedTransitions({ ...draft, state: 'closed' })).toEqual(['published']);
    expect(allowedTransitions({ ...draft, state: 'published' })).toEqual([]);
  });
});
