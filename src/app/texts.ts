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

// ── Conversation texts, the same on every channel ───────────────────────────

export function text(t: string): Message {
  return { paragraphs: [[plain(t)]] };
}

export const SUGGESTIONS_HEADER = 'Có phải bạn muốn hỏi:';
export const ASK_USAGE = 'Bạn hãy gõ /hoi kèm câu hỏi, ví dụ: /hoi Công chức có phải đeo thẻ khi làm việc không?';
export const UNKNOWN_COMMAND = 'Mình không hiểu lệnh này. Bạn cứ gõ câu hỏi bằng lời, hoặc gõ /help để xem hướng dẫn.';
export const STALE_CHOICE = 'Lựa chọn này đã cũ (tin nhắn gốc đã quá lâu hoặc đã bị xóa). Bạn vui lòng hỏi lại nhé.';
export const NOT_MODERATOR = '⛔ Chỉ cán bộ hỗ trợ (thành viên nhóm cán bộ hỗ trợ) và quản trị viên mới dùng được lệnh này. Không có gì thay đổi.';
export const NOT_ADMIN = '⛔ Chỉ quản trị viên mới dùng được lệnh này. Không có gì thay đổi.';
export const TEXT_ONLY_ANSWER = 'Hiện bot chỉ chuyển được câu trả lời bằng chữ. Bạn hãy gửi lại nội dung trả lời dưới dạng văn bản.';
export const ALREADY_RATED = 'Bạn đã đánh giá câu trả lời này rồi. Cảm ơn bạn!';
export const THANKS_FOR_RATING = 'Cảm ơn bạn đã đánh giá! 👍';

/** A typed number that is not in the list. */
export function chooseBetween(keys: string[]): string {
  const numbers = keys.filter((k) => /^[1-9]\d*$/.test(k)).map(Number);
  const max = Math.max(...numbers);
  return `Bạn hãy chọn từ 1 đến ${max}${keys.includes('0') ? ' (hoặc 0 để hỏi cán bộ hỗ trợ)' : ''}, hoặc hỏi lại rõ hơn.`;
}

export function escalatedByChoice(ticketId: number, joined: boolean): string {
  return joined
    ? `Câu hỏi này đang được cán bộ hỗ trợ xem xét (phiếu #${ticketId}). Khi có câu trả lời, mình sẽ gửi lại tại đây.`
    : `Mình đã chuyển câu hỏi đến cán bộ hỗ trợ (phiếu #${ticketId}). Câu trả lời sẽ được gửi lại tại đây.`;
}

export function moderatorAnswerMessage(t: Ticket): Message {
  return { paragraphs: [[bold(`Cán bộ hỗ trợ trả lời câu hỏi của bạn (phiếu #${t.id}):`)], [plain(t.answer!.text)]] };
}

export function dismissedMessage(t: Ticket): Message {
  const why = t.dismissal?.reason ? ` Lý do: ${t.dismissal.reason}.` : '';
  return text(
    `Cán bộ hỗ trợ đã xem câu hỏi của bạn (phiếu #${t.id}) nhưng chưa thể trả lời qua kênh này.${why} Bạn có thể liên hệ trực tiếp bộ phận phụ trách hoặc hỏi lại với nội dung cụ thể hơn. Cảm ơn bạn!`,
  );
}

export function answeredText(id: number, delivered: number, failed: number): string {
  const failures = failed > 0 ? ` ${failed} người chưa gửi được (kênh của họ không chạy; câu trả lời vẫn lưu trên phiếu).` : '';
  return `✅ Đã trả lời phiếu #${id} và gửi đến ${delivered} người hỏi.${failures}`;
}

export function dismissedText(t: Ticket): string {
  return `🗑 Đã bỏ qua phiếu #${t.id}${t.dismissal?.reason ? ` (lý do: ${t.dismissal.reason})` : ''} và báo cho người hỏi.`;
}

export function promotedText(id: number, faqId: string, passages: number): string {
  return `📚 Đã thêm phiếu #${id} vào FAQ (${faqId}) và nạp lại kho tri thức: ${passages} đoạn tra cứu. Lần sau bot sẽ tự trả lời câu hỏi này.`;
}

/** Prompts start with a fixed phrase and the ticket's reference: a reply to one is recognised from its text, even after a restart. */
export const ANSWER_PROMPT = /^✍️ Trả lời phiếu #(\d+)(?: · mã ([\w-]+))?/;
export const DISMISS_PROMPT = /^🗑 Bỏ qua phiếu #(\d+)(?: · mã ([\w-]+))?/;

export function answerPrompt(t: Ticket, name: string): string {
  return `✍️ Trả lời phiếu #${t.id}${nonceLabel(t)}: ${name}, hãy trả lời (reply) tin nhắn này bằng nội dung câu trả lời.`;
}

export function dismissPrompt(t: Ticket, name: string): string {
  return `🗑 Bỏ qua phiếu #${t.id}${nonceLabel(t)}: ${name}, hãy trả lời (reply) tin nhắn này bằng lý do (người hỏi sẽ được báo), hoặc bấm nút dưới đây để bỏ qua không ghi lý do.`;
}

/** A short note in a moderators' chat whose posts cannot be edited, when a ticket changed elsewhere. */
export function ticketUpdateText(t: Ticket): string {
  if (t.status === 'answered' && t.answer) {
    const answer = t.answer.text.length > 300 ? t.answer.text.slice(0, 297) + '…' : t.answer.text;
    const faq = t.faqId ? ` Đã thêm vào FAQ: ${t.faqId}.` : '';
    return `Phiếu #${t.id} đã được trả lời bởi ${t.answer.by.name} (${PLATFORM_NAMES[t.answer.by.platform]}): ${answer}${faq}`;
  }
  if (t.status === 'dismissed' && t.dismissal) {
    return `Phiếu #${t.id} đã được bỏ qua bởi ${t.dismissal.by.name} (${PLATFORM_NAMES[t.dismissal.by.platform]})${t.dismissal.reason ? `: ${t.dismissal.reason}` : '.'}`;
  }
  return `Phiếu #${t.id} có thêm người hỏi cùng câu (tổng ${t.askers.length} người). Trả lời: /traloi ${t.id} <nội dung>`;
}

/** The settings each platform's ids are for. */
const ID_KEYS = {
  telegram: { moderators: 'TELEGRAM_MODERATOR_CHAT_ID', topic: 'TELEGRAM_MODERATOR_THREAD_ID', admins: 'TELEGRAM_ADMIN_IDS' },
  zalo: { moderators: 'ZALO_MODERATOR_GROUP_ID', topic: undefined, admins: 'ZALO_ADMIN_IDS' },
  console: { moderators: undefined, topic: undefined, admins: undefined },
} as const;

export function idsMessage(platform: keyof typeof ID_KEYS, chat: { id: string; kind: 'private' | 'group'; topic?: string }, userId: string): Message {
  const keys = ID_KEYS[platform];
  const lines = [`Mã cuộc trò chuyện (chat id): ${chat.id} (${chat.kind === 'private' ? 'nhắn riêng' : 'nhóm'})`];
  if (chat.topic) lines.push(`Mã chủ đề (thread id): ${chat.topic}`);
  lines.push(`Mã người dùng của bạn (user id): ${userId}`);
  const hints: string[] = [];
  if (keys.moderators && chat.kind === 'group') hints.push(`${keys.moderators}=${chat.id}${chat.topic && keys.topic ? `, ${keys.topic}=${chat.topic}` : ''} nếu đây là nhóm cán bộ hỗ trợ`);
  if (keys.admins) hints.push(`thêm ${userId} vào ${keys.admins} để có quyền quản trị`);
  const paragraphs: Paragraph[] = [[plain(lines.join('\n'))]];
  if (hints.length) paragraphs.push([italic(`Trong .env: ${hints.join('; ')}, rồi khởi động lại bot.`)]);
  return { paragraphs };
}
