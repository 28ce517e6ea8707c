// When members may sign in to an activity themselves (QR code or six-digit code): from a configurable number of
// minutes before its start until its end, or, for an activity recorded without an end, until the end of its day in
// the organization's time zone. Outside that window a sign-in is refused with the time it opens or closed.

export interface SignInWindow {
  /** ISO instants */
  opensAt: string;
  closesAt: string;
}

/** Minutes the zone is ahead of UTC at an instant (480 for Asia/Shanghai). */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The last millisecond of the local day that contains the instant. */
export function endOfLocalDay(instant: string, timeZone: string): string {
  const at = new Date(instant);
  const offset = offsetMinutes(at, timeZone);
  const local = new Date(at.getTime() + offset * 60_000);
  const nextMidnightLocal = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1);
  return new Date(nextMidnightLocal - offsetMinutes(new Date(nextMidnightLocal - offset * 60_000), timeZone) * 60_000 - 1).toISOString();
}

export function signInWindow(startsAt: string, endsAt: string | null, opensMinutes: number, timeZone: string): SignInWindow {
  return {
    opensAt: new Date(new Date(startsAt).getTime() - opensMinutes * 60_000).toISOString(),
    closesAt: endsAt ? new Date(endsAt).toISOString() : endOfLocalDay(startsAt, timeZone),
  };
}

/** 'open', or which side of the window `now` is on. */
export function signInStatus(window: SignInWindow, now: Date): 'open' | 'not_yet' | 'closed' {
  const t = now.getTime();
  if (t < new Date(window.opensAt).getTime()) return 'not_yet';
  if (t > new Date(window.closesAt).getTime()) return 'closed';
  return 'open';
}

/** '2026-12-03 14:30' in the zone, for a message a person reads. */
export function localDateTime(instant: string, timeZone: string): string {
  const at = new Date(instant);
  const local = new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}
