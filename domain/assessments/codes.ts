// One-time ballot codes. 13 characters of Crockford's base32 (0-9 and A-Z without I, L, O, U) carry 65 random bits,
// printed in groups for reading aloud (`7KQ4-M2XD-9RT3B`). Input is forgiving: case, spaces and dashes are ignored,
// and the letters people confuse with digits are read as those digits (I, L → 1; O → 0).

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 13;
export const CODE_BITS = CODE_LENGTH * 5;

/** A new code, from the platform's cryptographic random source (Node and browsers alike). */
export function newBallotCode(): string {
  const bytes = new Uint8Array(CODE_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  // 256 is a multiple of 32, so `byte % 32` (the low 5 bits) is uniform
  return Array.from(bytes, (b) => CODE_ALPHABET[b % 32]).join('');
}

/** The code as printed: 4-4-5. */
export function formatBallotCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** The canonical code from what a person typed or a QR link carried, or null when it cannot be one. */
export function normalizeBallotCode(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return s;
}
