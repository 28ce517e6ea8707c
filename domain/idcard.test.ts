import { describe, expect, it } from 'vitest';
import { checkCharacter, makeIdNumber, maskIdNumber, maskPhone, parseIdCard } from './idcard';

const TODAY = '2025-06-30';

describe('checkCharacter (ISO 7064 MOD 11-2)', () => {
  it('gives X for the GB 11643 example 11010519491231002X', () => {
    // 1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2
    // = 167; 167 mod 11 = 2 → '10X98765432'[2] = 'X'
    expect(checkCharacter('11010519491231002')).toBe('X');
  });

  it('gives a digit for a Changsha number computed by hand', () => {
    // 4·7 + 3·9 + 0 + 1·5 + 0 + 2·4 + 1·2 + 9·1 + 8·6 + 5·3 + 0 + 3·9 + 1·10 + 5·5 + 1·8 + 2·4 + 3·2
    // = 226; 226 mod 11 = 6 → '6'
    expect(checkCharacter('43010219850315123')).toBe('6');
  });
});

describe('parseIdCard', () => {
  it('accepts the standard example and reads birth date and gender', () => {
    expect(parseIdCard('11010519491231002X', TODAY)).toEqual({
      ok: true,
      info: { normalized: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' },
    });
  });

  it('accepts a number whose check character is a digit', () => {
    expect(parseIdCard('430102198503151236', TODAY)).toEqual({
      ok: true,
      info: { normalized: '430102198503151236', birthDate: '1985-03-15', gender: 'male' },
    });
  });

  it('accepts a lower-case x and normalizes it to X, trimming spaces from a spreadsheet cell', () => {
    const result = parseIdCard(' 11010519491231002x ', TODAY);
    expect(result).toMatchObject({ ok: true, info: { normalized: '11010519491231002X', birthDate: '1949-12-31' } });
  });

  it('rejects a wrong check digit (a mistyped last character)', () => {
    expect(parseIdCard('110105194912310021', TODAY)).toEqual({ ok: false, problem: 'check_digit' });
    expect(parseIdCard('430102198503151237', TODAY)).toEqual({ ok: false, problem: 'check_digit' });
  });

  it('rejects a transposed digit in the sequence through the check digit', () => {
    // sequence 002 → 020: the date is still valid, only the check catches it
    expect(parseIdCard('11010519491231020X', TODAY)).toEqual({ ok: false, problem: 'check_digit' });
  });

  it('rejects 30 February as a birth date even with a matching check character', () => {
    const first17 = '43010219900230123';
    expect(parseIdCard(first17 + checkCharacter(first17), TODAY)).toEqual({ ok: false, problem: 'birth_date' });
  });

  it('rejects 29 February in a common year and accepts it in a leap year', () => {
    const common = '44030419910229002';
    const leap = '44030419920229002';
    expect(parseIdCard(common + checkCharacter(common), TODAY)).toEqual({ ok: false, problem: 'birth_date' });
    expect(parseIdCard(leap + checkCharacter(leap), TODAY)).toMatchObject({ ok: true, info: { birthDate: '1992-02-29' } });
  });

  it('rejects a birth date after today and accepts one on today', () => {
    expect(parseIdCard(makeIdNumber('430102', '2025-07-01', 123), TODAY)).toEqual({ ok: false, problem: 'birth_date' });
    expect(parseIdCard(makeIdNumber('430102', '2025-06-30', 123), TODAY)).toMatchObject({ ok: true });
  });

  it('rejects a birth date before 1900', () => {
    expect(parseIdCard(makeIdNumber('430102', '1899-12-31', 123), TODAY)).toEqual({ ok: false, problem: 'birth_date' });
    expect(parseIdCard(makeIdNumber('430102', '1900-01-01', 123), TODAY)).toMatchObject({ ok: true });
  });

  it('rejects an old 15-digit number, a 17- or 19-character one, letters and inner spaces as format errors', () => {
    for (const raw of ['110105491231002', '11010519491231002', '11010519491231002X1', '1101051949123100AX', 'A1010519491231002X', '110105 19491231002X', '']) {
      expect(parseIdCard(raw, TODAY)).toEqual({ ok: false, problem: 'format' });
    }
  });

  it('rejects X anywhere but the last position', () => {
    expect(parseIdCard('1101051949123100X2', TODAY)).toEqual({ ok: false, problem: 'format' });
  });

  it('reads the gender from the 17th digit: odd is male, even is female', () => {
    const byDigit = (d: number) => {
      const result = parseIdCard(makeIdNumber('430102', '1985-03-15', 120 + d), TODAY);
      return result.ok ? result.info.gender : result.problem;
    };
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(byDigit)).toEqual([
      'female', 'male', 'female', 'male', 'female', 'male', 'female', 'male', 'female', 'male',
    ]);
  });
});

describe('makeIdNumber', () => {
  it('builds the standard example from its parts', () => {
    expect(makeIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X');
  });

  it('round-trips through parseIdCard with the given birth date and the gender of the sequence', () => {
    const cases = [
      { region: '430102', birthDate: '1985-03-15', sequence: 123, gender: 'male' },
      { region: '440304', birthDate: '2000-02-29', sequence: 46, gender: 'female' },
      { region: '510107', birthDate: '1958-10-01', sequence: 999, gender: 'male' },
      { region: '320102', birthDate: '2007-01-09', sequence: 0, gender: 'female' },
    ] as const;
    for (const c of cases) {
      const id = makeIdNumber(c.region, c.birthDate, c.sequence);
      expect(id).toHaveLength(18);
      expect(id.startsWith(c.region)).toBe(true);
      expect(parseIdCard(id, TODAY)).toEqual({ ok: true, info: { normalized: id, birthDate: c.birthDate, gender: c.gender } });
    }
  });

  it('keeps the sequence to three digits', () => {
    expect(makeIdNumber('430102', '1985-03-15', 1123).slice(14, 17)).toBe('123');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first four and last four characters of an 18-character number', () => {
    expect(maskIdNumber('430102198503151234')).toBe('4301**********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('hides the whole birth date and sequence', () => {
    const masked = maskIdNumber('430102198503151236');
    expect(masked).toHaveLength(18);
    expect(masked).not.toContain('1985');
    expect(masked).not.toContain('0315');
  });

  it('masks a short value completely', () => {
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('maskPhone', () => {
  it('shows the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks a landline with area code by the same rule', () => {
    expect(maskPhone('073188886666')).toBe('073*****6666');
  });

  it('shows only the first character of a short number', () => {
    expect(maskPhone('1234567')).toBe('1******');
    expect(maskPhone('110')).toBe('1**');
  });
});
