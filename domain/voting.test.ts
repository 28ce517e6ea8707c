import { describe, expect, it } from 'vitest';
import { evaluateVote, type VoteCounts } from './voting';

const vote = (c: Partial<VoteCounts>) =>
  evaluateVote({ entitled: 10, present: 8, yes: 6, no: 2, abstain: 0, ...c });
const fields = (c: Partial<VoteCounts>) => vote(c).problems.map((p) => p.field);

describe('quorum: more than half of those entitled must be present', () => {
  it('is not reached with exactly half present (5 of 10)', () => {
    expect(vote({ present: 5, yes: 5, no: 0 })).toMatchObject({ valid: true, quorum: false, passed: false });
  });

  it('is reached with one more than half (6 of 10)', () => {
    expect(vote({ present: 6, yes: 6, no: 0 })).toMatchObject({ valid: true, quorum: true, passed: true });
  });

  it('with an odd number entitled: 5 of 9 is a quorum, 4 of 9 is not', () => {
    expect(evaluateVote({ entitled: 9, present: 5, yes: 5, no: 0, abstain: 0 }).quorum).toBe(true);
    expect(evaluateVote({ entitled: 9, present: 4, yes: 4, no: 0, abstain: 0 }).quorum).toBe(false);
  });

  it('everyone present is a quorum', () => {
    expect(vote({ present: 10, yes: 10, no: 0 }).quorum).toBe(true);
  });
});

describe('passing: yes must exceed half of those entitled, not of those present', () => {
  it('passes with 6 yes of 10 entitled (8 present)', () => {
    expect(vote({ yes: 6, no: 2 })).toMatchObject({ quorum: true, passed: true, yesTotal: 6 });
  });

  it('does not pass with yes exactly half of those entitled (5 of 10)', () => {
    expect(vote({ yes: 5, no: 3 }).passed).toBe(false);
  });

  it('does not pass with 4 yes of 6 present when 10 are entitled, though 4 is a majority of those present', () => {
    expect(vote({ present: 6, yes: 4, no: 2 })).toMatchObject({ quorum: true, passed: false });
  });

  it('does not pass without a quorum, even when every vote cast is yes', () => {
    expect(
      evaluateVote({ entitled: 10, present: 5, yes: 5, no: 0, abstain: 0, writtenYes: 3 }),
    ).toMatchObject({ quorum: false, passed: false });
  });

  it('abstentions are not yes-votes', () => {
    expect(vote({ present: 10, yes: 5, no: 0, abstain: 5 }).passed).toBe(false);
  });
});

describe('written opinions of absent entitled members (membership admission)', () => {
  it('count toward yes: 5 yes present + 1 written yes of 10 entitled passes', () => {
    expect(vote({ present: 7, yes: 5, no: 2, writtenYes: 1 })).toMatchObject({
      valid: true,
      quorum: true,
      passed: true,
      yesTotal: 6,
    });
  });

  it('do not count toward the quorum: 5 present + 3 written is still no quorum', () => {
    expect(vote({ present: 5, yes: 5, no: 0, writtenYes: 3 }).quorum).toBe(false);
  });

  it('cannot exceed the number of entitled members absent', () => {
    expect(vote({ present: 8, writtenYes: 3 }).problems).toEqual([
      { field: 'writtenYes', code: 'vote_written_over', params: { written: 3, absent: 2 }, message: '3 written opinions, more than the 2 entitled members absent' },
    ]);
    expect(vote({ present: 8, writtenYes: 1, writtenNo: 1 }).valid).toBe(true);
    expect(fields({ present: 8, writtenNo: 3 })).toEqual(['writtenNo']);
  });

  it('are optional: null or missing means none', () => {
    expect(vote({ writtenYes: null }).valid).toBe(true);
    expect(vote({ writtenYes: 0 }).yesTotal).toBe(6);
  });
});

describe('problems: an inconsistent record is refused with the field to correct', () => {
  it('more present than entitled', () => {
    const r = vote({ entitled: 10, present: 12, yes: 9 });
    expect(r).toMatchObject({ valid: false, quorum: false, passed: false });
    expect(r.problems).toEqual([
      { field: 'present', code: 'vote_present_over', params: { present: 12, entitled: 10 }, message: '12 present, more than the 10 entitled to attend' },
    ]);
  });

  it('more votes than present (yes + no + abstain)', () => {
    expect(vote({ present: 8, yes: 6, no: 2, abstain: 1 }).problems).toEqual([
      { field: 'yes', code: 'vote_tally_over', params: { total: 9, present: 8 }, message: 'yes, no and abstain add up to 9, more than the 8 present' },
    ]);
    expect(vote({ present: 8, yes: 6, no: 2, abstain: 0 }).valid).toBe(true);
  });

  it('negative, fractional or non-numeric counts, each named', () => {
    expect(fields({ yes: -1 })).toEqual(['yes']);
    expect(fields({ present: 7.5 })).toEqual(['present']);
    expect(fields({ entitled: Number.NaN, abstain: -2 })).toEqual(['entitled', 'abstain']);
    expect(fields({ no: '2' as unknown as number })).toEqual(['no']);
    expect(fields({ writtenYes: 0.5 })).toEqual(['writtenYes']);
    expect(vote({ yes: -1 }).problems[0]!.message).toBe('must be a whole number, 0 or more');
  });

  it('nobody entitled', () => {
    expect(evaluateVote({ entitled: 0, present: 0, yes: 0, no: 0, abstain: 0 })).toMatchObject({
      valid: false,
      problems: [{ field: 'entitled' }],
    });
  });

  it('reports every inconsistency at once', () => {
    expect(fields({ entitled: 10, present: 11, yes: 10, no: 2, abstain: 0 })).toEqual(['present', 'yes']);
  });
});
