import { describe, expect, it } from 'vitest';
import { endOfLocalDay, localDateTime, signInStatus, signInWindow } from './signInWindow';

const ZONE = 'Asia/Shanghai';

describe('signInWindow', () => {
  it('opens the configured minutes before the start and closes at the end', () => {
    // 14:00–16:00 in Shanghai
    const w = signInWindow('2026-12-03T06:00:00.000Z', '2026-12-03T08:00:00.000Z', 30, ZONE);
    expect(w).toEqual({ opensAt: '2026-12-03T05:30:00.000Z', closesAt: '2026-12-03T08:00:00.000Z' });
    expect(signInStatus(w, new Date('2026-12-03T05:29:59Z'))).toBe('not_yet');
    expect(signInStatus(w, new Date('2026-12-03T05:30:00Z'))).toBe('open');
    expect(signInStatus(w, new Date('2026-12-03T08:00:00Z'))).toBe('open');
    expect(signInStatus(w, new Date('2026-12-03T08:00:01Z'))).toBe('closed');
    expect(signInWindow('2026-12-03T06:00:00.000Z', '2026-12-03T08:00:00.000Z', 0, ZONE).opensAt).toBe('2026-12-03T06:00:00.000Z');
  });

  it('without an end, closes at the end of the local day of the start', () => {
    // 23:30 on 3 December in Shanghai is 15:30 UTC; the local day ends at 16:00 UTC
    expect(signInWindow('2026-12-03T15:30:00.000Z', null, 30, ZONE).closesAt).toBe('2026-12-03T15:59:59.999Z');
    expect(endOfLocalDay('2026-12-03T00:10:00.000Z', 'UTC')).toBe('2026-12-03T23:59:59.999Z');
    // a zone behind UTC: 20:00 on 2 December in New York (winter, UTC−5) ends at 05:00 UTC on the 3rd
    expect(endOfLocalDay('2026-12-03T01:00:00.000Z', 'America/New_York')).toBe('2026-12-03T04:59:59.999Z');
  });

  it('words an instant in the zone', () => {
    expect(localDateTime('2026-12-03T05:30:00.000Z', ZONE)).toBe('2026-12-03 13:30');
    expect(localDateTime('2026-12-03T16:30:00.000Z', ZONE)).toBe('2026-12-04 00:30');
  });
});
