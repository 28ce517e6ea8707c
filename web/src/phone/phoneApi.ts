// The phone pages' calls, with the web app's conventions but not its client (which brings the whole
// message catalog): the session cookie, the CSRF token on writes (kept under the web app's key, so
// one sign-in serves both), and Accept-Language, in which the server words its messages.

import type { Language } from '../i18n/language';
import type { Me } from '../api/types';

const CSRF_KEY = 'gongjian.csrf';

export class PhoneError extends Error {
  constructor(
    /** 0: no answer (offline, timeout) */
    readonly status: number,
    readonly code: string,
    message: string,
    /** the field errors' messages, already in the page's language */
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

function csrf(): string | null {
  try {
    return sessionStorage.getItem(CSRF_KEY);
  } catch {
    return null;
  }
}

function keepCsrf(token: string): void {
  try {
    sessionStorage.setItem(CSRF_KEY, token);
  } catch {
    // private browsing: this page keeps working, the next one asks /users/me again
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: { field?: string; message?: string }[] };
}

export async function phoneApi<T>(
  path: string,
  language: Language,
  options: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language === 'en' ? 'en' : 'zh-CN' };
  const token = csrf();
  if (method !== 'GET' && token) headers['x-csrf-token'] = token;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new PhoneError(0, 'unreachable', '');
  }
  const data = (await response.json().catch(() => undefined)) as unknown;
  if (response.ok) return data as T;
  const error = (data as ErrorBody | undefined)?.error;
  const fields = (error?.details ?? [])
    .filter((d) => typeof d.field === 'string' && typeof d.message === 'string')
    .map((d) => ({ field: d.field!, message: d.message! }));
  throw new PhoneError(response.status, error?.code ?? 'http_error', error?.message ?? response.statusText, fields);
}

/** Who is signed in (null: nobody); keeps the CSRF token for the writes that follow. */
export async function whoAmI(language: Language): Promise<Me | null> {
  try {
    const me = await phoneApi<Me>('/users/me', language);
    keepCsrf(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof PhoneError && error.status === 401) return null;
    throw error;
  }
}

export async function logIn(username: string, password: string, language: Language): Promise<void> {
  const answer = await phoneApi<{ csrfToken: string }>('/auth/login', language, { method: 'POST', body: { username, password } });
  keepCsrf(answer.csrfToken);
}
