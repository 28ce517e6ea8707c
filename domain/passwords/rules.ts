import { COMMON_PASSWORDS } from './commonPasswords';

// What makes a password acceptable (OWASP ASVS 2.1): long enough, not on a list of common
// passwords, and not built on the account's own user name. No composition rules (ASVS 2.1.9):
// length and the list do the work.

export const PASSWORD_MIN_LENGTH = 10;

export type PasswordProblem = 'too_short' | 'too_simple' | 'common' | 'username';

/** The reader's wording of each problem, as a field error message. */
export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  too_short: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
  too_simple: 'is too simple: use more different characters',
  common: 'is a commonly used password: choose one that is harder to guess',
  username: 'must not be built on the user name',
};

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
