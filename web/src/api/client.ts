// The one way the web app talks to the server: JSON over fetch, the session cookie, and the
// CSRF header on writes. Errors become ApiError with the server's code, message and details, worded
// from the shared message catalog (domain/messages) in the interface's language; a code the catalog
// does not know keeps the server's own message.

import { messageText } from '../../../domain/messages/registry';
import type { MessageParams } from '../../../domain/messages/text';
import i18n from '../i18n/i18n';

const CSRF_KEY = 'gongjian.csrf';

export interface FieldError {
  field: string;
  message: string;
  code?: string;
  params?: MessageParams;
}

const language = () => (i18n.language === 'en' ? 'en' : 'zh');

/** A message code's text in the interface's language, else the text the server sent. */
function worded(code: string | undefined, params: MessageParams | undefined, fallback: string): string {
  return (code && messageText(code, params, language())) || fallback;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    /** the whole response body (some errors carry more than the error object) */
    readonly body: unknown,
    readonly params: MessageParams = {},
  ) {
    super(message);
  }

  /** Validation details as a list of field errors, each worded in the interface's language (empty when the error is not about fields). */
  get fieldErrors(): FieldError[] {
    if (!Array.isArray(this.details)) return [];
    return this.details
      .filter(
        (d): d is FieldError =>
          typeof d === 'object' &&
          d !== null &&
          typeof (d as FieldError).field === 'string' &&
          typeof (d as FieldError).message === 'string',
      )
      .map((d) => ({ ...d, message: worded(d.code, d.params, d.message) }));
  }
}

interface ErrorResponse {
  error?: { code?: string; message?: string; params?: MessageParams; details?: unknown };
}

/** The ApiError of a failed response, its message worded by its code (a validation error keeps the server's summary, which names the fields). */
function apiError(response: Response, data: unknown): ApiError {
  const error = (data as ErrorResponse | undefined)?.error;
  const code = error?.code ?? 'http_error';
  const fallback = error?.message ?? response.statusText;
  const message = code === 'validation' ? fallback : worded(code, error?.params, fallback);
  return new ApiError(response.status, code, message, error?.details, data, error?.params);
}

/** Headers every request carries: JSON, the interface's language (the server words its messages in it) and the CSRF token on writes. */
function requestHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language() === 'en' ? 'en' : 'zh-CN' };
  const csrf = sessionStorage.getItem(CSRF_KEY);
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  return headers;
}

export function setCsrfToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(CSRF_KEY);
  else sessionStorage.setItem(CSRF_KEY, token);
}

let unauthorizedHandler: () => void = () => undefined;
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  form?: FormData;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers = requestHeaders(method);
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`/api/v1${path}`, { method, headers, body, credentials: 'same-origin' });
  const text = await response.text();
  const data = parseJson(text);
  if (!response.ok) {
    if (response.status === 401 && path !== '/auth/login') {
      setCsrfToken(null);
      unauthorizedHandler();
    }
    throw apiError(response, data);
  }
  return data as T;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Address of a file the browser downloads directly (exports, templates). */
export function downloadUrl(path: string, query: Record<string, QueryValue> = {}): string {
  return withQuery(`/api/v1${path}`, query);
}

/** A file the server makes from what only the browser holds (a POST answered with a download). */
export async function apiFile(path: string, body: unknown): Promise<Blob> {
  const response = await fetch(`/api/v1${path}`, {
    method: 'POST',
    headers: { ...requestHeaders('POST'), accept: '*/*', 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (!response.ok) throw apiError(response, parseJson(await response.text()));
  return response.blob();
}
