/**
 * Dates as people in Vietnam read them. The server may run in UTC; "today" and every date
 * shown are in Asia/Ho_Chi_Minh.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

let formatter: Intl.DateTimeFormat | undefined;
/** Made at first use, not at start: a time zone's formatter costs some 20 ms to make. */
const ymd = () => (formatter ??= new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }));

/** Day in Vietnam per UTC hour ("2026-12-02T17" → "2026-12-03"): the logs ask for it once per record. */
const dayOfHour = new Map<string, string>();
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** "2026-12-02": the calendar day in Vietnam of an instant (ISO string or Date). */
export function vnDay(at: string | Date): string {
  if (typeof at === 'string' && CANONICAL.test(at)) {
    // Vietnam's offset is a whole number of hours, so one UTC hour falls on one Vietnamese day
    const hour = at.slice(0, 13);
    let day = dayOfHour.get(hour);
    if (day === undefined) {
      if (dayOfHour.size > 100_000) dayOfHour.clear();
      day = ymd().format(new Date(`${hour}:00:00Z`));
      dayOfHour.set(hour, day);
    }
    return day;
  }
  return ymd().format(typeof at === 'string' ? new Date(at) : at);
}

/** "2026-12": the month in Vietnam of an instant. */
export function vnMonth(at: string | Date): string {
  return vnDay(at).slice(0, 7);
}

/** "02/12/2026": the day in Vietnam, as written in Vietnamese documents. */
export function vnDate(at: string | Date): string {
  const [y, m, d] = vnDay(at).split('-');
  return `${d}/${m}/${y}`;
}
