import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

type NamePath = (string | number)[];

/** 'attendees.0.memberId' or '/attendees/0/memberId' → ['attendees', 0, 'memberId'] */
function toNamePath(field: string): NamePath {
  return field
    .split(/[./[\]]/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

const same = (a: NamePath, b: NamePath) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Puts the server's field errors, worded in the interface's language (ApiError.fieldErrors), under
 * the matching form fields, nested ones included (`attendees.0.memberId`, `votes.0.present`); a
 * field not in the form falls back to its nearest parent in the form. Returns the messages that
 * match nothing (or the error's own message when it names no field), for the caller to show elsewhere.
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  /** fields the form shows errors for without a Form.Item of that name */
  extra: NamePath[] = [],
  /** the form's name for a server field, when the form edits it under another name */
  rename: (field: string) => string = (field) => field,
): string[] {
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : String(error)];
  const fieldErrors = error.fieldErrors;
  if (fieldErrors.length === 0) return [error.message];
  const known: NamePath[] = [...form.getFieldsError().map((f) => f.name), ...extra];
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const unmatched: string[] = [];
  for (const { field, message } of fieldErrors) {
    let name = toNamePath(rename(toNamePath(field).join('.')));
    while (name.length > 0 && !known.some((k) => same(k, name))) name = name.slice(0, -1);
    if (name.length === 0) {
      unmatched.push(`${field}: ${message}`);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unmatched;
}

/**
 * The refusal of an all-or-nothing batch action (`batch_refused`, each refused one under `ids.<i>`) as one message
 * naming the refused rows by `names` (the selected rows' names in the order sent); any other error is returned as is.
 */
export function batchRefusals(error: unknown, names: readonly string[]): unknown {
  if (!(error instanceof ApiError) || error.code !== 'batch_refused') return error;
  const lines = error.fieldErrors.map(({ field, message }) => {
    const index = /^ids\.(\d+)$/.exec(field)?.[1];
    return `${(index !== undefined && names[Number(index)]) || field}：${message}`;
  });
  return new Error([error.message, ...lines].join('；'));
}
