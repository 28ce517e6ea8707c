import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts the server's validation messages under the matching form fields. Returns the messages
 * that match no field, for the caller to show elsewhere.
 */
export function applyServerErrors(form: FormInstance, error: unknown): string[] {
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : String(error)];
  const fieldErrors = error.fieldErrors;
  if (fieldErrors.length === 0) return [error.message];
  const unmatched: string[] = [];
  const known = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  const fields: { name: string; errors: string[] }[] = [];
  for (const { field, message } of fieldErrors) {
    const name = field.replace(/^\//, '').split(/[./[]/)[0] ?? '';
    if (known.has(name)) fields.push({ name, errors: [message] });
    else unmatched.push(message);
  }
  form.setFields(fields);
  return unmatched;
}
