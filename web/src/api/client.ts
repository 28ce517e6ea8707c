// The one way the web app talks to the server: JSON over fetch, the session cookie, and the
// CSRF header on writes. Errors become ApiError with the server's code, message and details.

import i18n from '../i18n/i18n';

const CSRF_KEY = 'gongjian.csrf';

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    /** the whole response body (some errors carry more than the error object) */
    readonly body: unknown,
  ) {
    super(message);
  }

  /** Validation details as a list of field errors (empty when the error is not about fields). */
  get fieldErrors(): FieldError[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldError =>
        typeof d === 'object' &&
        d !== null &&
        typeof (d as FieldError).field === 'string' &&
        typeof (d as FieldError).message === 'string',
    );
  }
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
  // messages the server words itself (findings, reminders) come in the interface's language
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': i18n.language === 'en' ? 'en' : 'zh-CN' };
  const csrf = sessionStorage.getItem(CSRF_KEY);
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
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
    const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
      ?.error;
    if (response.status === 401 && path !== '/auth/login') {
      setCsrfToken(null);
      unauthorizedHandler();
    }
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? response.statusText,
      error?.details,
      data,
    );
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
  const csrf = sessionStorage.getItem(CSRF_KEY);
  const response = await fetch(`/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const data = parseJson(await response.text()) as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
    throw new ApiError(response.status, data?.error?.code ?? 'http_error', data?.error?.message ?? response.statusText, data?.error?.details, data);
  }
  return response.blob();
}
