import { Cron } from 'croner';
import { TIME_ZONE } from '../text/dates.js';
import { fold } from '../text/vietnamese.js';

export interface ParsedSchedule {
  cron: string;
  /** normalised Vietnamese description, to confirm to the admin */
  text: string;
}

export const SCHEDULE_EXAMPLES = ['thứ 2 09:00', 'thứ 2, thứ 5 8h30', 'thứ 2 đến thứ 6 16:00', 'hằng ngày 8:30', 'ngày 1 hằng tháng 9:00', 'chủ nhật 20h'];

const DAY_NAMES = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
/** "thứ …" (folded) → cron weekday (0 = Sunday) */
const WEEKDAY_WORDS: Record<string, number> = { '2': 1, hai: 1, '3': 2, ba: 2, '4': 3, tu: 3, bon: 3, '5': 4, nam: 4, '6': 5, sau: 5, '7': 6, bay: 6 };
const WEEKDAY = String.raw`(?:thu\s*(2|3|4|5|6|7|hai|ba|tu|bon|nam|sau|bay)|(chu\s*nhat|cn))\b`;

function weekdayOf(m: RegExpExecArray, offset: number): number {
  return m[offset] ? WEEKDAY_WORDS[m[offset]]! : 0;
}

/**
 * Reads an admin's schedule in Vietnamese ("thứ 2 09:00", "hằng ngày 8:30", "thứ 2 đến thứ 6 16h",
 * "ngày 15 hằng tháng 9:00") or a five-field cron expression, and returns the cron expression.
 * Throws ScheduleError with a Vietnamese explanation when it cannot be read.
 */
export function parseSchedule(input: string): ParsedSchedule {
  const raw = input.trim();
  if (/^[\d*/,\-\s]+$/.test(raw) && raw.split(/\s+/).length === 5) {
    validCron(raw);
    return { cron: raw, text: `theo biểu thức cron "${raw}"` };
  }
  let s = ` ${fold(raw).toLowerCase().replace(/[.;]/g, ' ')} `;

  // the time: 9:00, 09h, 8h30, 8 giờ 30 (phút), 2 giờ chiều
  const time = /(?:^|\s)(\d{1,2})\s*(?::|h|gio|g)\s*(\d{1,2})?(?:\s*phut)?(?:\s*(sang|trua|chieu|toi))?(?=\s|,|$)/.exec(s);
  if (!time) throw new ScheduleError('Thiếu giờ chạy (ví dụ 09:00 hoặc 8h30).');
  let hour = Number(time[1]);
  const minute = Number(time[2] ?? 0);
  if ((time[3] === 'chieu' || time[3] === 'toi') && hour < 12) hour += 12;
  if (hour > 23 || minute > 59) throw new ScheduleError(`Giờ "${time[0].trim()}" không hợp lệ.`);
  s = s.slice(0, time.index) + ' ' + s.slice(time.index + time[0].length);
  s = s.replace(/\b(luc|vao|moi tuan|hang tuan|cac)\b/g, ' ').replace(/\s+/g, ' ');
  const at = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

  let dom = '*';
  let dow = '*';
  let text: string;
  const range = new RegExp(`${WEEKDAY}\\s*(?:den|-|toi)\\s*${WEEKDAY}`).exec(s);
  const monthly = /\bngay\s+(\d{1,2})\s+(?:hang|moi)\s+thang\b/.exec(s);
  if (/\b(hang|moi)\s*ngay\b/.test(s)) {
    text = `hằng ngày lúc ${at}`;
  } else if (/\bngay (lam viec|thuong)\b/.test(s)) {
    dow = '1-5';
    text = `thứ Hai đến thứ Sáu lúc ${at}`;
  } else if (range) {
    const from = weekdayOf(range, 1);
    const to = weekdayOf(range, 3);
    if (from === 0 || to === 0 || to <= from) throw new ScheduleError('Khoảng ngày phải từ thứ nhỏ đến thứ lớn hơn, ví dụ "thứ 2 đến thứ 6".');
    dow = `${from}-${to}`;
    text = `${DAY_NAMES[from]} đến ${DAY_NAMES[to]} lúc ${at}`;
  } else if (monthly) {
    const day = Number(monthly[1]);
    if (day < 1 || day > 28) throw new ScheduleError('Ngày trong tháng phải từ 1 đến 28, để tháng nào cũng có.');
    dom = String(day);
    text = `ngày ${day} hằng tháng lúc ${at}`;
  } else {
    const days = new Set<number>();
    for (const m of s.matchAll(new RegExp(WEEKDAY, 'g'))) days.add(weekdayOf(m as RegExpExecArray, 1));
    if (days.size === 0) throw new ScheduleError('Thiếu ngày chạy: ghi thứ trong tuần (thứ 2 … chủ nhật), "hằng ngày" hoặc "ngày 1 hằng tháng".');
    const sorted = [...days].sort((a, b) => a - b);
    dow = sorted.join(',');
    text = `${sorted.map((d) => DAY_NAMES[d]).join(', ')} hằng tuần lúc ${at}`;
  }
  const cron = `${minute} ${hour} ${dom} * ${dow}`;
  validCron(cron);
  return { cron, text };
}

export class ScheduleError extends Error {
  constructor(reason: string) {
    super(`${reason} Ví dụ: ${SCHEDULE_EXAMPLES.map((e) => `"${e}"`).join(', ')}.`);
    this.name = 'ScheduleError';
  }
}

function validCron(expr: string): Cron {
  try {
    // Vietnam has kept UTC+7 without daylight saving since 1975: every schedule is read in its zone.
    return new Cron(expr, { timezone: TIME_ZONE, paused: true });
  } catch (e) {
    throw new ScheduleError(`Không đọc được lịch "${expr}" (${(e as Error).message}).`);
  }
}

/** The first run strictly after `after`, in Vietnam time. */
export function nextRun(cron: string, after: Date): Date | undefined {
  return validCron(cron).nextRun(after) ?? undefined;
}

/** The instant shifted to UTC+7: its getUTC…() parts are the wall-clock time in Vietnam. */
export function vnWallClock(at: Date | string): Date {
  return new Date((typeof at === 'string' ? Date.parse(at) : at.getTime()) + 7 * 3600_000);
}

/** "09:00 thứ Hai 07/12/2026" in Vietnam time. */
export function formatVnTime(at: Date | string): string {
  const vn = vnWallClock(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(vn.getUTCHours())}:${pad(vn.getUTCMinutes())} ${DAY_NAMES[vn.getUTCDay()]} ${pad(vn.getUTCDate())}/${pad(vn.getUTCMonth() + 1)}/${vn.getUTCFullYear()}`;
}
