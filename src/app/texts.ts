import { bold, italic, plain, type Message, type Paragraph } from '../answer/message.js';
import type { DeskError, DeskStats } from '../desk/desk.js';
import { nonceLabel } from '../desk/ref.js';
import type { Ticket } from '../store/store.js';
import type { ReloadResult } from './engine.js';

/** Vietnamese texts shared by every channel's moderator and admin commands. */

export function age(fromIso: string, now: Date = new Date()): string {
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return `${minutes} phút`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} giờ ${minutes % 60} phút`;
  return `${Math.floor(hours / 24)} ngày`;
}

const PLATFORM_NAMES = { telegram: 'Telegram', zalo: 'Zalo', console: 'console' } as const;

export function whereAsked(t: Ticket): string {
  const a = t.askers[0]!;
  const chat = a.chatKind === 'private' ? 'nhắn riêng' : `nhóm "${a.chatTitle ?? a.chatId}"`;
  return `${PLATFORM_NAMES[a.platform]}, ${chat}`;
}

const STATUS_NAMES = { pending: 'đang chờ', answered: 'đã trả lời', dismissed: 'đã bỏ qua' } as const;

/** A ticket as posted in a moderators' chat. */
export function ticketMessage(t: Ticket): Message {
  const first = t.askers[0]!;
  const paragraphs: Paragraph[] = [
    [bold(`Phiếu #${t.id}`), plain(` · ${STATUS_NAMES[t.status]}${nonceLabel(t)}`)],
    [plain(`Nơi hỏi: ${whereAsked(t)}\nNgười hỏi: ${first.userName}${t.askers.length > 1 ? ` (và ${t.askers.length - 1} người khác hỏi cùng câu)` : ''}`)],
    [bold('Câu hỏi: '), plain(t.question)],
  ];
  if (t.candidates.length > 0) paragraphs.push([plain(`Bot đoán gần nhất: ${t.candidates.map((c) => c.title).join('; ')}`)]);
  if (t.status === 'answered' && t.answer) {
    paragraphs.push([bold(`Đã trả lời bởi ${t.answer.by.name}: `), plain(t.answer.text)]);
    if (t.faqId) paragraphs.push([italic(`Đã thêm vào FAQ: ${t.faqId}`)]);
  } else if (t.status === 'dismissed' && t.dismissal) {
    paragraphs.push([italic(`Đã bỏ qua bởi ${t.dismissal.by.name}${t.dismissal.reason ? `: ${t.dismissal.reason}` : ''}`)]);
  } else {
    paragraphs.push([italic(`Trả lời: trả lời (reply) tin nhắn này, hoặc gõ /traloi ${t.id} <nội dung>. Bỏ qua: /boqua ${t.id} [lý do].`)]);
  }
  return { paragraphs };
}

export function pendingMessage(tickets: Ticket[], now: Date = new Date()): Message {
  if (tickets.length === 0) return { paragraphs: [[plain('Không có câu hỏi nào đang chờ. 🎉')]] };
  const lines = tickets.map((t) => `#${t.id} · ${age(t.createdAt, now)} · ${t.askers[0]!.userName} (${whereAsked(t)}): ${t.question.length > 120 ? t.question.slice(0, 117) + '…' : t.question}`);
  return { paragraphs: [[bold(`${tickets.length} câu hỏi đang chờ (cũ nhất trước):`)], [plain(lines.join('\n'))], [italic('Trả lời: /traloi <số> <nội dung>')]] };
}

/** Where the queue and the statistics may be shown: they name askers and groups. */
export const STAFF_PLACE_ONLY = (command: string) =>
  `Lệnh /${command} chỉ dùng trong nhóm cán bộ hỗ trợ hoặc khi nhắn riêng với bot (danh sách có tên người hỏi và tên nhóm). Không có gì được hiển thị ở đây.`;

/** Commands whose answer names askers and groups. */
export const STAFF_VIEWS = new Set(['hangdoi', 'thongke']);

/** What a moderator sees when the server could not save their action: nothing happened, try again. */
export const WRITE_FAILED = (id: number) =>
  `⚠️ Chưa lưu được thao tác với phiếu #${id} (máy chủ không ghi được dữ liệu, ví dụ ổ đĩa đầy). Phiếu chưa thay đổi và người hỏi chưa nhận được gì. Hãy thử lại sau ít phút; nếu vẫn lỗi, báo quản trị viên.`;

export function deskErrorText(error: DeskError, id: number): string {
  switch (error) {
    case 'not_found':
      return `Không có phiếu #${id}.`;
    case 'already_answered':
      return `Phiếu #${id} đã được trả lời rồi.`;
    case 'already_dismissed':
      return `Phiếu #${id} đã bị bỏ qua.`;
    case 'not_answered':
      return `Phiếu #${id} chưa được trả lời.`;
    case 'empty_answer':
      return `Nội dung trả lời phiếu #${id} đang trống.`;
    case 'stale':
      return `Nút hoặc tin nhắn này thuộc một phiếu #${id} cũ không còn trong hệ thống (số phiếu đã được dùng lại): không có gì thay đổi. Hãy dùng /hangdoi để xem phiếu hiện tại.`;
    case 'write_failed':
      return WRITE_FAILED(id);
  }
}

export function reloadMessage(r: ReloadResult): Message {
  if (r.ok) {
    return { paragraphs: [[plain(`✅ Đã nạp lại kho tri thức: ${r.faqCount} câu hỏi đáp, ${r.regulationCount} văn bản (${r.passageCount} đoạn tra cứu) trong ${r.ms} ms.`)]] };
  }
  const shown = r.errors.slice(0, 20).map((e) => `• ${e.file}:${e.line}: ${e.reason}`);
  if (r.errors.length > shown.length) shown.push(`… và ${r.errors.length - shown.length} lỗi khác`);
  return {
    paragraphs: [[bold(`❌ Không nạp lại được: ${r.errors.length} lỗi. Bot vẫn trả lời bằng kho tri thức cũ.`)], [plain(shown.join('\n'))]],
  };
}

function percent(n: number, total: number): string {
  return total === 0 ? '0%' : `${Math.round((n / total) * 100)}%`;
}

export function statsMessage(s: DeskStats): Message {
  const t = s.questionsTotal;
  const median = s.medianAnswerMinutes === undefined ? 'chưa có' : `${Math.round(s.medianAnswerMinutes)} phút`;
  const top = s.topEscalated.length ? s.topEscalated.map((q, i) => `${i + 1}. ${q.question.slice(0, 80)} (${q.askers} người hỏi)`).join('\n') : 'chưa có';
  return {
    paragraphs: [
      [bold('Thống kê hỏi đáp')],
      [
        plain(
          [
            `Câu hỏi hôm nay: ${s.questionsToday} · tổng: ${t}`,
            `Trả lời ngay: ${percent(s.shares.answered, t)} · gợi ý: ${percent(s.shares.suggested, t)} · chuyển cán bộ: ${percent(s.shares.escalated, t)} · chào hỏi: ${percent(s.shares.smalltalk, t)}`,
            `Phiếu đang chờ: ${s.pending} · đã trả lời: ${s.answeredTickets} · thời gian trả lời (trung vị): ${median}`,
            `Đánh giá: 👍 ${s.helpful} · 👎 ${s.unhelpful}`,
          ].join('\n'),
        ),
      ],
      [bold('Câu hỏi được chuyển nhiều nhất:')],
      [plain(top)],
    ],
  };
}
