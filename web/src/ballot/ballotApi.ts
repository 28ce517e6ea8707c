// The phone ballot page's two calls, without the web app's client (no session, no CSRF, no i18n
// bundle). A submission carries an id made on the phone; a retry after a lost answer resends the
// same id, which the server answers with its first answer, so a bad network never counts twice.

import type { Static } from 'typebox';
import type { BallotSheet as BallotSheetSchema } from '../../../domain/schemas/assessments';
import type { Language } from '../i18n/language';

/** a grade of the assessment's scale: by default excellent, good, fair, poor; an organizer may name others */
export type Grade = string;

/** What GET /ballots/:code answers (type only: the schema itself stays out of this bundle). */
export type BallotSheet = Static<typeof BallotSheetSchema>;

export interface GradeEntry {
  reporterId: string;
  criterionId?: string;
  grade: Grade;
}

export interface Submission {
  submissionId: string;
  grades: GradeEntry[];
}

export type Outcome<T> =
  | { kind: 'ok'; data: T }
  /** the server answered with an error: status, code and its message */
  | { kind: 'refused'; status: number; code: string; message: string }
  /** no answer (offline, timeout) or a server failure: worth trying again */
  | { kind: 'unreachable' };

const TIMEOUT_MS = 15_000;
const RETRY_DELAYS_MS = [1000, 2000, 4000];

/** What a person types or scans, as the server compares it: no spaces or dashes, upper case. */
export const normalizeCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

/** A random UUID; crypto.randomUUID exists only on https or localhost, a meeting LAN may be plain http. */
export function newSubmissionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function call<T>(
  method: 'GET' | 'POST',
  code: string,
  language: Language,
  body?: Submission,
): Promise<Outcome<T>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(`/api/v1/ballots/${encodeURIComponent(code)}`, {
      method,
      headers: {
        accept: 'application/json',
        'accept-language': language === 'en' ? 'en' : 'zh-CN',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit',
      cache: 'no-store',
      signal: controller.signal,
    });
    const data = (await response.json().catch(() => undefined)) as unknown;
    if (response.ok) return { kind: 'ok', data: data as T };
    if (response.status >= 500) return { kind: 'unreachable' };
    const error = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    return {
      kind: 'refused',
      status: response.status,
      code: error?.code ?? '',
      message: error?.message ?? response.statusText,
    };
  } catch {
    return { kind: 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}

export const fetchSheet = (code: string, language: Language) => call<BallotSheet>('GET', code, language);

/** Sends a ballot, retrying with the same submission id while the server cannot be reached. */
export async function sendBallot(
  code: string,
  submission: Submission,
  language: Language,
  onAttempt: (attempt: number) => void,
): Promise<Outcome<unknown>> {
  for (let attempt = 1; ; attempt++) {
    onAttempt(attempt);
    const outcome = await call<unknown>('POST', code, language, submission);
    const delay = RETRY_DELAYS_MS[attempt - 1];
    if (outcome.kind !== 'unreachable' || delay === undefined) return outcome;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

// A ballot being sent survives a reload of the page: the same grades go out with the same id.
const pendingKey = (code: string) => `gongjian.ballot.${code}`;

export function loadPending(code: string): Submission | null {
  try {
    const text = sessionStorage.getItem(pendingKey(code));
    return text ? (JSON.parse(text) as Submission) : null;
  } catch {
    return null;
  }
}

export function savePending(code: string, submission: Submission | null): void {
  try {
    if (submission) sessionStorage.setItem(pendingKey(code), JSON.stringify(submission));
    else sessionStorage.removeItem(pendingKey(code));
  } catch {
    // private browsing: the retry still works while the page stays open
  }
}
