import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { normalizeBallotCode } from '../../../domain/assessments/codes';
import { checkBallot } from '../../../domain/assessments/setup';
import type { AssessmentState } from '../../../domain/assessments/states';
import type { ScaleStep, TallyGrade } from '../../../domain/assessments/tally';
import type { BallotReceipt } from '../../../domain/schemas/assessments';
import { queryRows, type Db } from '../../db/client';
import { appError, invalid } from '../../errors';

// The ballot path: a code opens its ballot sheet and casts one ballot, with no session. It is the hot path of a
// meeting (hundreds of phones within a minute), so a submission is two statements and no transaction block:
//   1. read the code, its assessment's state, scale, criteria, open reporters and any earlier answer to the same
//      submission id (the grades are checked against these in memory);
//   2. one statement that takes a share lock on the assessment row only while it is still `open`, marks the code
//      (UPDATE … WHERE it has not scored these reporters … RETURNING: the gate that makes duplicates lose), and inserts
//      the ballot and the submission's receipt from the gate's row. A close takes the row's exclusive lock, so it
//      waits for ballots in flight and every ballot after it finds the assessment closed.
// Secrecy: the ballot row gets a random id and no code, user or time; the receipt names no ballot.

/** Key for the code hashes, derived from the secret key so a database copy alone cannot test guessed codes. */
export function codeKey(secretKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secretKey), 'gongjian', 'ballot-codes', 32));
}

export const hashCode = (key: Buffer, code: string) => createHmac('sha256', key).update(code).digest('hex');

// ---- guessing throttle -------------------------------------------------------------------------------------------

/** unknown codes an address may try per minute before it is refused (a whole sub-venue may share one address) */
export const GUESSES_PER_MINUTE = 30;
const WINDOW_MS = 60_000;
const misses = new Map<string, { since: number; n: number }>();

/** 429 while the address has used up its unknown-code tries for this minute. Per process, like the window itself. */
export function checkThrottle(address: string, now = Date.now()): void {
  const entry = misses.get(address);
  if (entry && now - entry.since < WINDOW_MS && entry.n >= GUESSES_PER_MINUTE) {
    throw appError(429, 'too_many_attempts', {}, { retryAfterSeconds: Math.ceil((entry.since + WINDOW_MS - now) / 1000) });
  }
}

function recordMiss(address: string, now = Date.now()): void {
  const entry = misses.get(address);
  if (!entry || now - entry.since >= WINDOW_MS) misses.set(address, { since: now, n: 1 });
  else entry.n += 1;
  if (misses.size > 10_000) for (const [k, v] of misses) if (now - v.since >= WINDOW_MS) misses.delete(k);
}

/** Forgets every address's misses (tests start from a clean slate). */
export function resetThrottle(): void {
  misses.clear();
}

const unknownCode = () => appError(404, 'unknown_code');

// ---- reading a code --------------------------------------------------------------------------------------------

interface CodeRow {
  hash: string;
  assessmentId: string;
  raterGroupId: string;
  venueId: string;
  scored: string[];
  state: AssessmentState;
  scale: ScaleStep[];
  openIds: string[];
  criteriaIds: string[];
  answer: BallotReceipt | null;
}

async function readCode(db: Db, hash: string, submissionId: string | null): Promise<CodeRow | undefined> {
  const [row] = await queryRows<CodeRow>(
    db,
    sql`select c.hash, c.assessment_id as "assessmentId", c.rater_group_id as "raterGroupId", c.venue_id as "venueId", c.scored,
          a.state, a.scale,
          coalesce((select array_agg(r.id order by r.position) from assessment_reporters r where r.assessment_id = a.id and r.open), '{}') as "openIds",
          coalesce((select array_agg(k.id order by k.position) from assessment_criteria k where k.assessment_id = a.id), '{}') as "criteriaIds",
          (select s.answer from ballot_submissions s where s.code_hash = c.hash and s.submission_id = ${submissionId}) as answer
        from ballot_codes c join assessments a on a.id = c.assessment_id
        where c.hash = ${hash}`,
  );
  return row;
}

/** The code's row, or 404 (counted against the address). */
export async function findCode(db: Db, key: Buffer, rawCode: string, address: string | null, submissionId: string | null = null): Promise<CodeRow> {
  if (address) checkThrottle(address);
  const code = normalizeBallotCode(rawCode);
  const row = code ? await readCode(db, hashCode(key, code), submissionId) : undefined;
  if (!row) {
    if (address) recordMiss(address);
    throw unknownCode();
  }
  return row;
}

const closedError = (state: AssessmentState) =>
  state === 'draft' ? appError(409, 'not_open', {}, [{ field: 'state', code: 'not_open' }]) : appError(409, 'closed', {}, [{ field: 'state', code: 'closed' }]);
const alreadyVoted = () => appError(409, 'already_voted', {}, [{ field: 'code', code: 'already_voted' }]);

// ---- casting ---------------------------------------------------------------------------------------------------

export interface Cast {
  status: 200 | 201;
  receipt: BallotReceipt;
  assessmentId: string;
}

/**
 * Casts one ballot for a code. A repeat of an answered submission id gets the first answer (200); any other repeat
 * 409 already_voted; a ballot outside `open` 409 closed (or not_open).
 */
export async function castBallot(
  db: Db,
  key: Buffer,
  input: { code: string; submissionId: string | null; grades: readonly { reporterId: string; criterionId?: string | null; grade: string }[]; paper: boolean },
  opts: { address: string | null; assessmentId?: string },
): Promise<Cast> {
  const row = await findCode(db, key, input.code, opts.address, input.submissionId);
  if (opts.assessmentId && row.assessmentId !== opts.assessmentId) {
    throw invalid([{ field: 'code', code: 'other_assessment' }]);
  }
  if (row.answer) return { status: 200, receipt: row.answer, assessmentId: row.assessmentId };
  if (row.state !== 'open') throw closedError(row.state);

  const grades: TallyGrade[] = input.grades.map((g) => ({ reporterId: g.reporterId, criterionId: g.criterionId ?? null, grade: g.grade }));
  const check = checkBallot({ scale: row.scale, criteria: row.criteriaIds.map((id) => ({ id })), openReporterIds: row.openIds, scoredReporterIds: row.scored }, grades);
  if (check.repeat || (check.problems.length === 0 && check.reporterIds.length === 0)) throw alreadyVoted();
  if (check.problems.length > 0) throw invalid(check.problems);

  const receipt: BallotReceipt = { accepted: true, submissionId: input.submissionId, reporterIds: check.reporterIds, paper: input.paper };
  const ids = check.reporterIds.join(',');
  const [result] = await queryRows<{ gated: number; open: number }>(
    db,
    sql`with a as (select id from assessments where id = ${row.assessmentId} and state = 'open' for share),
         gate as (
           update ballot_codes set used = true, scored = scored || string_to_array(${ids}, ',')
           where hash = ${row.hash} and not (scored && string_to_array(${ids}, ',')) and exists (select 1 from a)
           returning hash),
         b as (
           insert into ballots (id, assessment_id, rater_group_id, venue_id, paper, reporter_ids, grades)
           select ${randomBytes(16).toString('hex')}, ${row.assessmentId}, ${row.raterGroupId}, ${row.venueId}, ${input.paper}, string_to_array(${ids}, ','), ${JSON.stringify(grades)}::jsonb
           from gate returning 1),
         s as (
           insert into ballot_submissions (code_hash, submission_id, assessment_id, answer)
           select hash, ${input.submissionId}, ${row.assessmentId}, ${JSON.stringify(receipt)}::jsonb from gate where ${input.submissionId}::text is not null
           returning 1)
       select (select count(*) from b)::int as gated, (select count(*) from a)::int as open`,
  );
  if (result?.gated === 1) return { status: 201, receipt, assessmentId: row.assessmentId };
  if (result?.open === 0) throw closedError('closed');
  // lost the race to a duplicate: the same submission id gets the winner's answer
  const again = await readCode(db, row.hash, input.submissionId);
  if (again?.answer) return { status: 200, receipt: again.answer, assessmentId: row.assessmentId };
  throw alreadyVoted();
}

/** What the phone shows for a code: the open reporters, each marked when this code already scored it. */
export async function ballotSheet(db: Db, key: Buffer, rawCode: string, address: string | null) {
  const row = await findCode(db, key, rawCode, address);
  const [info] = await queryRows<{
    title: string;
    year: number;
    heldOn: string;
    groupName: string;
    venueName: string;
    criteria: { id: string; name: string }[];
    reporters: { id: string; memberName: string; orgName: string; position: number }[];
  }>(
    db,
    sql`select a.title, a.year, a.held_on::text as "heldOn",
          (select name from assessment_rater_groups where id = ${row.raterGroupId}) as "groupName",
          (select name from assessment_venues where id = ${row.venueId}) as "venueName",
          coalesce((select json_agg(json_build_object('id', k.id, 'name', k.name) order by k.position) from assessment_criteria k where k.assessment_id = a.id), '[]') as criteria,
          coalesce((select json_agg(json_build_object('id', r.id, 'memberName', m.name, 'orgName', o.name, 'position', r.position) order by r.position)
             from assessment_reporters r join members m on m.id = r.member_id join orgs o on o.id = r.org_id
             where r.assessment_id = a.id and r.open), '[]') as reporters
        from assessments a where a.id = ${row.assessmentId}`,
  );
  const scored = new Set(row.scored);
  const reporters = row.state === 'open' ? info!.reporters.map((r) => ({ ...r, scored: scored.has(r.id) })) : [];
  return {
    assessmentId: row.assessmentId,
    title: info!.title,
    year: info!.year,
    heldOn: info!.heldOn,
    state: row.state,
    raterGroupName: info!.groupName,
    venueName: info!.venueName,
    scale: row.scale,
    criteria: info!.criteria,
    reporters,
    done: reporters.length > 0 && reporters.every((r) => r.scored),
  };
}
