import { isMessageCode, messageText } from '../domain/messages/registry';
import type { Lang, MessageParams } from '../domain/messages/text';

// Errors carry a stable code and its parameters; the words come from the catalog in
// domain/messages, in the caller's language, when the error plugin answers (errorBody below).
// Callers that still pass free text (an older call, a helper not yet converted) keep working: a
// text that is not a catalog code is shown as given, under the generic code.

export type { MessageParams } from '../domain/messages/text';

/**
 * One field's problem. Give `code` (and `params`); `message` is free text for older callers, and a
 * `message` that is itself a catalog code ('required') counts as that code.
 */
export interface FieldError {
  field: string;
  code?: string;
  params?: MessageParams;
  message?: string;
}

/** A field error as it is kept: always a code, free text only when it was given instead of one. */
interface CodedFieldError {
  field: string;
  code: string;
  params?: MessageParams;
  message?: string;
}

function coded(e: FieldError): CodedFieldError {
  const { field, params } = e;
  const withParams = params && Object.keys(params).length ? { params } : {};
  if (e.code) return { field, code: e.code, ...withParams, ...(e.message !== undefined ? { message: e.message } : {}) };
  if (e.message !== undefined && isMessageCode(e.message)) return { field, code: e.message, ...withParams };
  return { field, code: 'invalid', message: e.message ?? 'invalid' };
}

export class AppError extends Error {
  /** the message was written by the caller, not looked up: it is shown as given */
  readonly literal: boolean;
  /**
   * `message` may be left out when `code` is in the catalog (see appError); a message given is
   * shown as is, in every language.
   */
  constructor(
    readonly status: number,
    readonly code: string,
    message?: string,
    readonly details?: unknown,
    readonly params: MessageParams = {},
  ) {
    super(message ?? messageText(code, params, 'en') ?? code);
    this.literal = message !== undefined;
  }
}

/** An error worded by the catalog: `appError(429, 'auth_locked', { minutes: 5 }, { retryAfterSeconds })`. */
export const appError = (status: number, code: string, params: MessageParams = {}, details?: unknown) =>
  new AppError(status, code, undefined, details, params);

/** `notFound('organization')`: the subject is a key of the catalog's subject labels (any other text is shown as is). */
export const notFound = (subject: string) => appError(404, 'not_found', { subject });
/** `forbidden()`, or with a code that says why: `forbidden('checkin_not_invited')`. */
export const forbidden = (code = 'forbidden', params?: MessageParams) => appError(403, code, params);
export const unauthorized = () => appError(401, 'unauthorized');

/** One item of an all-or-nothing batch that cannot be done: `field` names it (`ids.3`), `status` is what it alone would answer. */
export interface BatchFailure extends FieldError {
  status: number;
}

/** The failure of a batch item from the error it raised (a validation error by its first field's code). */
export function batchFailure(field: string, e: AppError): BatchFailure {
  const first = e.code === 'validation' && Array.isArray(e.details) ? (e.details as FieldError[])[0] : undefined;
  return first?.code ? { field, status: e.status, code: first.code, params: first.params } : { field, status: e.status, code: e.code, params: e.params };
}

const BATCH_STATUS_ORDER = [403, 404, 400, 409];

/**
 * An all-or-nothing batch refused: code `batch_refused`, every failing item in `details`, and the status that tells
 * most (out of scope before not found before invalid before conflict).
 */
export function batchRefused(failures: BatchFailure[]): AppError {
  const statuses = new Set(failures.map((f) => f.status));
  const status = BATCH_STATUS_ORDER.find((s) => statuses.has(s)) ?? failures[0]?.status ?? 409;
  const details = failures.map(({ field, code, params }) => ({ field, code: code ?? 'invalid', ...(params && Object.keys(params).length ? { params } : {}) }));
  return appError(status, 'batch_refused', { count: failures.length }, details);
}

/**
 * `conflict(code, params?, details?)`; the older `conflict(message, details?)` (a first argument
 * that is not a catalog code) still works and answers with code `conflict` and that message.
 */
export function conflict(code: string, params?: MessageParams, details?: unknown): AppError;
export function conflict(message: string, details?: unknown): AppError;
export function conflict(code: string, second?: unknown, details?: unknown): AppError {
  if (isMessageCode(code)) return appError(409, code, second as MessageParams | undefined, details);
  return new AppError(409, 'conflict', code, second);
}

/** Field errors, `invalid([{ field: 'idNumber', code: 'id_number_taken' }])`; the older `{ field, message }` still works. */
export function invalid(errors: FieldError[]): AppError {
  const details = errors.map(coded);
  const english = details.map((d) => `${d.field}: ${d.message ?? messageText(d.code, d.params, 'en') ?? d.code}`).join('; ');
  return new AppError(400, 'validation', english, details, { count: details.length });
}

/** Collects field errors and throws them all at once, so a form shows every problem in one round. */
export class FieldErrors {
  readonly list: FieldError[] = [];
  /** `add('idNumber', 'id_number_check_digit')`, `add('joinedOn', 'join_age', { age: 18 })`; free text is shown as given. */
  add(field: string, code: string, params?: MessageParams): void {
    this.list.push(params ? { field, code, params } : { field, message: code });
  }
  has(field: string): boolean {
    return this.list.some((e) => e.field === field);
  }
  throwIfAny(): void {
    if (this.list.length) throw invalid(this.list);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; params: MessageParams; details?: unknown };
}

const isFieldError = (d: unknown): d is FieldError => d !== null && typeof d === 'object' && typeof (d as FieldError).field === 'string';

/** One entry of `details` worded in `lang` when it carries a code; anything else passes as is. */
function wordDetail(detail: unknown, lang: Lang): unknown {
  if (detail === null || typeof detail !== 'object' || typeof (detail as { code?: unknown }).code !== 'string') return detail;
  const d = detail as { code: string; params?: MessageParams; message?: string };
  return { ...d, message: d.message ?? messageText(d.code, d.params, lang) ?? d.code };
}

/** The response body of an error, worded in `lang`. */
export function errorBody(err: AppError, lang: Lang): ErrorBody {
  const validation = err.code === 'validation';
  const details = Array.isArray(err.details)
    ? err.details.map((d) => wordDetail(validation && isFieldError(d) ? coded(d) : d, lang))
    : err.details;
  let message: string;
  if (validation && Array.isArray(details)) {
    const fields = (details as { field?: string; message?: string }[]).map((d) => (lang === 'zh' ? `${d.field}：${d.message}` : `${d.field}: ${d.message}`));
    const head = messageText('validation', { count: details.length }, lang) ?? err.message;
    message = lang === 'zh' ? `${head}：${fields.join('；')}` : `${head}: ${fields.join('; ')}`;
  } else {
    message = (!err.literal && messageText(err.code, err.params, lang)) || err.message;
  }
  return { error: { code: err.code, message, params: err.params, ...(details !== undefined ? { details } : {}) } };
}
