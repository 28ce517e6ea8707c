export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const forbidden = () => new AppError(403, 'forbidden', 'You do not have access to this');
export const unauthorized = () => new AppError(401, 'unauthorized', 'Sign in first');
export const conflict = (message: string, details?: unknown) => new AppError(409, 'conflict', message, details);
export const invalid = (errors: FieldError[]) =>
  new AppError(400, 'validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

/** Collects field errors and throws them all at once, so a form shows every problem in one round. */
export class FieldErrors {
  readonly list: FieldError[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  has(field: string): boolean {
    return this.list.some((e) => e.field === field);
  }
  throwIfAny(): void {
    if (this.list.length) throw invalid(this.list);
  }
}
