import { checkCharacter } from '../domain/idcard';

/** A valid 18-digit citizen ID number (region 430302, 湘潭) for a birth date and sequence. */
export function validIdNumber(birthDate: string, sequence: number): string {
  const first17 = `430302${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** The same number with a wrong check character. */
export function withWrongCheckDigit(idNumber: string): string {
  const wrong = idNumber.endsWith('1') ? '2' : '1';
  return idNumber.slice(0, 17) + wrong;
}
