// Calendar dates are plain 'YYYY-MM-DD' strings: the rules count calendar days, not instants.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(date: string): [number, number, number] {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Same calendar day N months later; a day past the month's end clamps to its last day (31 Aug + 6 mo = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return format(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** "N years after D" is the same calendar date; 29 Feb maps to 28 Feb (rules.md, Terms). */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole years completed between two dates (age on a day, party standing on a day). */
export function fullYearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  let years = ty - fy;
  // The anniversary follows addYears: a 29 Feb start falls on 28 Feb in a common year.
  const anniversaryDay = Math.min(fd, daysInMonth(ty, fm));
  if (tm < fm || (tm === fm && td < anniversaryDay)) years -= 1;
  return years;
}

/** Today's date where the organizations are (China Standard Time, no daylight saving). */
export function todayInChina(now: Date = new Date()): string {
  const t = new Date(now.getTime() + 8 * 3600_000);
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}
