// Voting at a general assembly (rules.md, Meetings and activities; Membership Development Rules):
// the vote is valid only when more than half of the voting members who should attend are present;
// a motion passes when yes-votes exceed half of the voting members who should attend (not of those present).
// Written opinions filed before the meeting by absent voting members are counted (membership admission votes).

import { messageText } from './messages/registry';
import type { MessageParams } from './messages/text';

export interface VoteCounts {
  /** voting members who should attend (应到会有表决权的正式党员) */
  entitled: number;
  /** voting members present */
  present: number;
  yes: number;
  no: number;
  abstain: number;
  /** written yes-opinions from absent voting members (admission votes); counted toward yes, never toward presence */
  writtenYes?: number | null;
  /** written no-opinions from absent voting members; they only limit how many written opinions there can be */
  writtenNo?: number | null;
}

export type VoteField = 'entitled' | 'present' | 'yes' | 'no' | 'abstain' | 'writtenYes' | 'writtenNo';

export interface VoteProblem {
  field: VoteField;
  /** a message code of domain/messages, with its parameters; `message` is its English text */
  code: string;
  params?: MessageParams;
  message: string;
}

const problem = (field: VoteField, code: string, params?: MessageParams): VoteProblem => ({
  field,
  code,
  ...(params ? { params } : {}),
  message: messageText(code, params, 'en') ?? code,
});

export interface VoteResult {
  /** the record is consistent (no problems); quorum and passed are false whenever it is not */
  valid: boolean;
  /** more than half of those entitled are present */
  quorum: boolean;
  /** quorum, and yes (with written yes-opinions) exceeds half of those entitled */
  passed: boolean;
  /** yes-votes counted: yes + writtenYes */
  yesTotal: number;
  problems: VoteProblem[];
}

const COUNT_FIELDS = ['entitled', 'present', 'yes', 'no', 'abstain', 'writtenYes', 'writtenNo'] as const;

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

export function evaluateVote(counts: VoteCounts): VoteResult {
  const problems: VoteProblem[] = [];
  for (const field of COUNT_FIELDS) {
    const value = counts[field];
    const optional = field === 'writtenYes' || field === 'writtenNo';
    if (optional && (value === undefined || value === null)) continue;
    if (!isCount(value)) problems.push(problem(field, 'vote_whole_number'));
  }
  if (problems.length === 0) {
    const { entitled, present, yes, no, abstain } = counts;
    const writtenYes = counts.writtenYes ?? 0;
    const writtenNo = counts.writtenNo ?? 0;
    if (entitled === 0)
      problems.push(problem('entitled', 'vote_entitled_min'));
    if (present > entitled)
      problems.push(problem('present', 'vote_present_over', { present, entitled }));
    if (yes + no + abstain > present) {
      problems.push(problem('yes', 'vote_tally_over', { total: yes + no + abstain, present }));
    }
    const absent = Math.max(0, entitled - present);
    if (writtenYes + writtenNo > absent) {
      problems.push(problem(writtenYes > 0 ? 'writtenYes' : 'writtenNo', 'vote_written_over', { written: writtenYes + writtenNo, absent }));
    }
  }
  if (problems.length > 0) return { valid: false, quorum: false, passed: false, yesTotal: 0, problems };

  // Integer comparisons: "more than half" of 10 is 6, of 9 is 5.
  const quorum = 2 * counts.present > counts.entitled;
  const yesTotal = counts.yes + (counts.writtenYes ?? 0);
  const passed = quorum && 2 * yesTotal > counts.entitled;
  return { valid: true, quorum, passed, yesTotal, problems };
}
