/**
 * Dates as people in Vietnam read them. The server may run in UTC; "today" and every date
 * shown are in Asia/Ho_Chi_Minh.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** "2026-12-02": the calendar day in Vietnam of an instant (ISO string or Date). */
export function vnDay(at: string | Date): string {
  return ymd.format(typeof at === 'string' ? new Date(at) : at);
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
