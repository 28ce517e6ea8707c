import { describe, expect, it } from 'vitest';
import { passwordProblem, PASSWORD_MIN_LENGTH } from './rules';

describe('passwordProblem', () => {
  it('accepts a long, uncommon password unrelated to the user name', () => {
    expect(passwordProblem('Gongjian@2024', 'xiangtan')).toBeNull();
    expect(passwordProblem('correct horse battery', 'zhangsan')).toBeNull();
    expect(passwordProblem('红旗渠精神代代相传', 'li')).toBe('too_short'); // 9 characters, not 27 bytes
    expect(passwordProblem('红旗渠精神代代相传下去', 'li')).toBeNull();
  });

  it(`refuses fewer than ${PASSWORD_MIN_LENGTH} characters, spaces included`, () => {
    expect(passwordProblem('12345678', 'admin')).toBe('too_short');
    expect(passwordProblem('        ', 'admin')).toBe('too_short');
    expect(passwordProblem('Abc!2x9#q', 'admin')).toBe('too_short');
  });

  it('refuses a run of one or two characters', () => {
    expect(passwordProblem('          ', 'admin')).toBe('too_simple');
    expect(passwordProblem('ababababab', 'admin')).toBe('too_simple');
  });

  it('refuses common passwords whatever their case', () => {
    for (const p of ['1234567890', 'password123', 'Password123', 'QWERTYUIOP', '1qaz2wsx3edc', 'woaini1314', 'Dangjian2024', 'iloveyou123']) {
      expect(passwordProblem(p, 'someone'), p).toBe('common');
    }
  });

  it('refuses the user name, reversed or with a few characters added', () => {
    expect(passwordProblem('secretary01', 'secretary01')).toBe('username');
    expect(passwordProblem('10yraterces', 'secretary01')).toBe('username');
    expect(passwordProblem('Zhangsan@2024', 'zhangsan')).toBe('username');
    expect(passwordProblem('zhangsan-hongqi-qu', 'zhangsan')).toBeNull();
    expect(passwordProblem('admin-test-password', 'admin')).toBeNull();
  });
});
