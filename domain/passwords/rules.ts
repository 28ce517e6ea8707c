import { COMMON_PASSWORDS } from './commonPasswords';

// What makes a password acceptable (OWASP ASVS 2.1): long enough, not on a list of common
// passwords, and not built on the account's own user name. No composition rules (ASVS 2.1.9):
// length and the list do the work.

export const PASSWORD_MIN_LENGTH = 10;

export type PasswordProblem = 'too_short' | 'too_simple' | 'common' | 'username';

/** The message code of each problem (texts in domain/messages/auth.ts) and its parameters. */
export function passwordProblemMessage(problem: PasswordProblem): { code: string; params?: { min: number } } {
  return problem === 'too_short' ? { code: 'password_too_short', params: { min: PASSWORD_MIN_LENGTH } } : { code: `password_${problem}` };
}

/** Characters as a person counts them (an emoji or a Chinese character is one). */
const length = (s: string) => [...s].length;

export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if (length(password) < PASSWORD_MIN_LENGTH) return 'too_short';
  if (new Set(password.trim()).size < 3) return 'too_simple';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'common';
  const name = username.trim().toLowerCase();
  if (name.length >= 3) {
    // the user name adds nothing an attacker does not know: what is left must be long enough alone
    const rest = lower.split(name).join('').split([...name].reverse().join('')).join('');
    if (length(rest) < PASSWORD_MIN_LENGTH) return 'username';
  } else if (lower === name) return 'username';
  return null;
}
