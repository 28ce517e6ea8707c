import { describe, expect, it } from 'vitest';
import { ETHNICITIES, officialEthnicity } from './ethnicities';

describe('officialEthnicity', () => {
  it('has the 56 groups once each and reads the short names offices write', () => {
    expect(new Set(ETHNICITIES).size).toBe(56);
    expect(officialEthnicity('汉')).toBe('汉族');
    expect(officialEthnicity('维吾尔')).toBe('维吾尔族');
    expect(officialEthnicity(' 蒙古族 ')).toBe('蒙古族');
    expect(officialEthnicity('其他')).toBe('其他');
  });
});
