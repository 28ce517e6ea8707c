import { ApiError } from '../../api/client';

/**
 * The same error with its field errors renamed to the form's names (a form that edits `partyOrgIds.1`
 * as `parties.1.orgId`); anything else is returned unchanged.
 */
export function renameFieldErrors(error: unknown, rename: (field: string) => string): unknown {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return error;
  const details = error.fieldErrors.map((f) => ({
    ...f,
    field: rename(f.field.replace(/^\//, '').replace(/\//g, '.')),
  }));
  return new ApiError(error.status, error.code, error.message, details, error.body);
}
