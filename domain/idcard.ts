import { isValidDate } from './dates';
import type { Gender } from './enums';

// GB 11643-1999 citizen identity number: 6-digit region, 8-digit birth date, 3-digit sequence
// (odd for men, even for women), and an ISO 7064 MOD 11-2 check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdCardProblem = 'format' | 'birth_date' | 'check_digit';

export interface IdCardInfo {
  normalized: string;
  birthDate: string;
  gender: Gender;
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

export function parseIdCard(raw: string, today: string): { ok: true; info: IdCardInfo } | { ok: false; problem: IdCardProblem } {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'format' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isValidDate(birthDate) || birthDate > today || birthDate < '1900-01-01') {
    return { ok: false, problem: 'birth_date' };
  }
  if (checkCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'check_digit' };
  const gender: Gender = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, info: { normalized: value, birthDate, gender } };
}

/** 4301**********1234: region prefix and last four stay, the birth date and sequence are hidden. */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/** 138****5678 */
export function maskPhone(value: string): string {
  if (value.length <= 7) return value.slice(0, 1) + '*'.repeat(Math.max(0, value.length - 1));
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}

/** A well-formed number for a region, birth date and sequence (odd sequence: male); for demo and test data. */
export function makeIdNumber(region: string, birthDate: string, sequence: number): string {
  const first17 = region + birthDate.replaceAll('-', '') + String(sequence % 1000).padStart(3, '0');
  return first17 + checkCharacter(first17);
}
