import { plain, type Message } from '../answer/message.js';
import type { Platform } from '../store/store.js';
import { fold } from '../text/vietnamese.js';
import { formatVnTime, nextRun, ScheduleError, SCHEDULE_EXAMPLES, vnWallClock } from './schedule.js';
import type { Person, QuizService } from './service.js';
import { historyMessage, reportMessage } from './texts.js';

/** What an admin can ask of /kiemtra, read from its arguments. */
export type KiemtraRequest =
  | { kind: 'start'; count?: number }
  | { kind: 'schedule'; text: string }
  | { kind: 'unschedule' }
  | { kind: 'status' }
  | { kind: 'names'; on: boolean }
  | { kind: 'passMark'; percent: number }
  | { kind: 'hours'; hours: number };

export const KIEMTRA_USAGE = [
  '/kiemtra [số câu] — mở một đợt kiểm tra ngay (mặc định 5 câu)',
  `/kiemtra lich <lịch> — đặt lịch, ví dụ: ${SCHEDULE_EXAMPLES.slice(0, 3).join('; ')}`,
  '/kiemtra lich tat — bỏ lịch',
  '/kiemtra xem — lịch và cài đặt hiện tại',
  '/kiemtra ten bat|tat — ghi nhận người điểm cao bằng tên hay không',
  '/kiemtra diemdat <phần trăm> — mức đạt dùng trong báo cáo (mặc định 60)',
  '/kiemtra gio <số giờ> — thời gian mở mỗi đợt (mặc định 24)',
].join('\n');

const msg = (text: string): Message => ({ paragraphs: [[plain(text)]] });
const ON = new Set(['bat', 'on', 'co', 'hien']);
const OFF = new Set(['tat', 'off', 'khong', 'an']);

/** undefined: not understood (the usage is shown). */
export function parseKiemtra(args: string): KiemtraRequest | undefined {
  const raw = args.trim().replace(/^(điểm|diem)\s+(đạt|dat)\b/i, 'diemdat');
  const [head = '', ...rest] = raw.split(/\s+/);
  const word = fold(head).toLowerCase();
  const tail = rest.join(' ');
  const tailWord = fold(tail).toLowerCase().trim();
  if (!raw) return { kind: 'start' };
  if (/^\d+$/.test(raw)) return { kind: 'start', count: Number(raw) };
  if (word === 'lich') {
    if (!tail || tailWord === 'xem') return { kind: 'status' };
    if (OFF.has(tailWord) || tailWord === 'huy' || tailWord === 'bo') return { kind: 'unschedule' };
    return { kind: 'schedule', text: tail };
  }
  if (word === 'xem') return { kind: 'status' };
  if (word === 'ten' && (ON.has(tailWord) || OFF.has(tailWord))) return { kind: 'names', on: ON.has(tailWord) };
  if (word === 'diemdat' && /^\d{1,3}%?$/.test(tailWord)) {
    const percent = Number(tailWord.replace('%', ''));
    return percent <= 100 ? { kind: 'passMark', percent } : undefined;
  }
  if (word === 'gio' && /^\d{1,3}$/.test(tailWord)) {
    const hours = Number(tailWord);
    return hours >= 1 && hours <= 168 ? { kind: 'hours', hours } : undefined;
  }
  return undefined;
}

/** Runs an admin's /kiemtra in a group; the reply is for that group. */
export async function runKiemtra(service: QuizService, platform: Platform, chatId: string, title: string | undefined, by: Person, request: KiemtraRequest): Promise<Message> {
  switch (request.kind) {
    case 'start': {
      const r = await service.startRound(platform, chatId, { count: request.count, by, title });
      return r.ok ? msg(`Đã mở đợt kiểm tra ${r.round.itemIds.length} câu, đóng lúc ${formatVnTime(r.round.closesAt)}.`) : msg(r.reason);
    }
    case 'schedule':
      try {
        const { chat, next } = await service.setSchedule(platform, chatId, request.text, by, title);
        return msg(`✅ Đã đặt lịch kiểm tra kiến thức: ${chat.schedule!.text} (giờ Việt Nam).${next ? ` Đợt tiếp theo: ${formatVnTime(next)}.` : ''}`);
      } catch (e) {
        if (e instanceof ScheduleError) return msg(`Chưa đặt được lịch: ${e.message}`);
        throw e;
      }
    case 'unschedule':
      return msg((await service.clearSchedule(platform, chatId)) ? 'Đã bỏ lịch kiểm tra của nhóm.' : 'Nhóm chưa có lịch kiểm tra.');
    case 'names': {
      await service.configure(platform, chatId, { showNames: request.on });
      return msg(request.on ? 'Từ nay kết quả mỗi đợt ghi tên người điểm cao nhất.' : 'Từ nay kết quả chỉ nói số người điểm cao nhất, không ghi tên.');
    }
    case 'passMark':
      await service.configure(platform, chatId, { passMark: request.percent / 100 });
      return msg(`Mức đạt trong báo cáo: ${request.percent}% số câu đúng.`);
    case 'hours':
      await service.configure(platform, chatId, { openHours: request.hours });
      return msg(`Mỗi đợt từ nay mở ${request.hours} giờ.`);
    case 'status': {
      const chat = service.chat(platform, chatId);
      const s = chat.schedule;
      const next = s && nextRun(s.cron, new Date(s.lastRunAt ?? s.setAt));
      const open = service.openRound(platform, chatId);
      return msg(
        [
          s ? `Lịch: ${s.text}${next ? `; đợt tiếp theo ${formatVnTime(next)}` : ''}.` : 'Chưa có lịch (đặt bằng /kiemtra lich thứ 2 09:00).',
          `Mỗi đợt ${chat.itemsPerRound ?? service.defaults.itemsPerRound} câu, mở ${chat.openHours ?? service.defaults.openHours} giờ; mức đạt ${Math.round((chat.passMark ?? service.defaults.passMark) * 100)}%; ghi tên người điểm cao: ${chat.showNames ? 'có' : 'không'}.`,
          open ? `Đang mở một đợt, đóng lúc ${formatVnTime(open.closesAt)}.` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    }
  }
}

/** A person's /ketqua (private chat only: results are theirs). */
export function ketquaMessage(service: QuizService, platform: Platform, userId: string): Message {
  return historyMessage(service.history(platform, userId), (item) => service.passageOf(item)?.title ?? item.tests);
}

/**
 * "/baocao [khoảng]" → the period: nothing (all), "7 ngày", "30 ngày", "tuần này", "tháng này",
 * "tháng 11/2026", "từ 01/11/2026 đến 30/11/2026" (Vietnam dates). undefined: not understood.
 */
export function parsePeriod(args: string, now: Date): { from?: string; to?: string } | undefined {
  const t = fold(args).toLowerCase().trim();
  if (!t || t === 'tat ca') return {};
  const vnMidnight = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d) - 7 * 3600_000);
  const vn = vnWallClock(now);
  const today = vnMidnight(vn.getUTCFullYear(), vn.getUTCMonth() + 1, vn.getUTCDate());
  const days = /^(\d{1,3})\s*ngay(?: qua| gan (?:day|nhat))?$/.exec(t);
  if (days) return { from: new Date(now.getTime() - Number(days[1]) * 86400_000).toISOString() };
  if (t === 'tuan nay') return { from: new Date(today.getTime() - ((vn.getUTCDay() + 6) % 7) * 86400_000).toISOString() };
  if (t === 'thang nay') return { from: vnMidnight(vn.getUTCFullYear(), vn.getUTCMonth() + 1, 1).toISOString() };
  const month = /^thang\s+(\d{1,2})\/(\d{4})$/.exec(t);
  if (month) {
    const [m, y] = [Number(month[1]), Number(month[2])];
    if (m < 1 || m > 12) return undefined;
    return { from: vnMidnight(y, m, 1).toISOString(), to: vnMidnight(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1).toISOString() };
  }
  const range = /^tu\s+(\d{1,2})\/(\d{1,2})\/(\d{4})\s+den\s+(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (range) {
    const [d1, m1, y1, d2, m2, y2] = range.slice(1).map(Number) as [number, number, number, number, number, number];
    const from = vnMidnight(y1, m1, d1);
    const to = new Date(vnMidnight(y2, m2, d2).getTime() + 86400_000);
    if (Number.isNaN(from.getTime()) || to <= from || m1 > 12 || m2 > 12 || d1 > 31 || d2 > 31) return undefined;
    return { from: from.toISOString(), to: to.toISOString() };
  }
  return undefined;
}

export const BAOCAO_USAGE = '/baocao [khoảng thời gian] — ví dụ: /baocao, /baocao 30 ngày, /baocao tháng này, /baocao tháng 11/2026, /baocao từ 01/11/2026 đến 30/11/2026';

/** An admin's /baocao for one chat: the text, the CSV of all its results and the weekly chart. */
export async function buildAdminReport(service: QuizService, platform: Platform, chatId: string, period: { from?: string; to?: string }) {
  const report = service.report(platform, chatId, period);
  const csv = await service.csv(platform, chatId);
  const chart = report.weeks.length ? await service.chart(platform, chatId, period) : undefined;
  const stamp = service.now().toISOString().slice(0, 10);
  return {
    message: reportMessage(report),
    csv: { name: `ket-qua-kiem-tra-${chatId.replace(/[^\w-]/g, '')}-${stamp}.csv`, bytes: Buffer.from(csv, 'utf8') },
    chart: chart && { name: `bieu-do-kiem-tra-${stamp}.png`, bytes: chart },
  };
}
