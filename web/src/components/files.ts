import { ApiError } from '../api/client';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The file's own message from the server ('file' field), else the error's message. */
export function uploadError(error: unknown): string {
  if (error instanceof ApiError) {
    const own = error.fieldErrors.find((f) => f.field === 'file');
    return own?.message ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
