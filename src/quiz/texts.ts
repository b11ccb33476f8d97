import { bold, italic, plain, type Message, type Paragraph } from '../answer/message.js';
import { LIMITS, optionLetter, type QuizItem } from './bank.js';
import type { PersonHistory } from './history.js';
import type { ChatReport } from './report.js';
import { formatVnTime } from './schedule.js';
import { share, type RoundResult } from './score.js';
import type { Round } from './types.js';

const percent = (x: number) => `${Math.round(x * 100)}%`;
const msg = (...paragraphs: Paragraph[]): Message => ({ paragraphs });

export function roundIntro(round: Round, itemCount: number): Message {
  return msg(
    [bold('📝 Kiểm tra kiến thức định kỳ'), plain(` — ${itemCount} câu về văn hóa công vụ, văn hóa công sở và cải cách hành chính.`)],
    [plain(`Trả lời trước ${formatVnTime(round.closesAt)}. Khi hết giờ, bot gửi đáp án kèm nguồn và kết quả của nhóm; mỗi người xem kết quả riêng bằng lệnh /ketqua trong tin nhắn riêng với bot.`)],
  );
}

/** An item as text, for channels without quiz polls: answered by replying A/B/C/D to it. */
export function itemText(item: QuizItem, index: number, total: number): Message {
  return msg(
    [bold(`Câu ${index + 1}/${total}: `), plain(item.question)],
    [plain(item.options.map((o, i) => `${optionLetter(i)}. ${o}`).join('\n'))],
    [italic(`Trả lời bằng cách trả lời (trích dẫn) tin này với ${item.options.map((_, i) => optionLetter(i)).join(', ')}.`)],
  );
}

/** The quiz poll's explanation: the item's own, with its source when both fit Telegram's limit. */
export function pollExplanation(item: QuizItem, source: string): string {
  const withSource = `${item.explanation}\nNguồn: ${source}`;
  return withSource.length <= LIMITS.explanation ? withSource : item.explanation;
}

export interface ResultsOptions {
  showNames: boolean;
  sourceOf: (item: QuizItem) => string;
}

/** What the group sees when a round ends: participation, share right per item, answers with sources, recognition. */
export function roundResults(result: RoundResult, options: ResultsOptions): Message {
  const { people, items, best, round } = result;
  const out: Paragraph[] = [[bold('📊 Kết quả đợt kiểm tra kiến thức'), plain(` (mở lúc ${formatVnTime(round.startedAt)})`)]];
  out.push([plain(people.length ? `👥 ${people.length} người tham gia.` : '👥 Chưa có ai trả lời trong đợt này.')]);
  items.forEach((r, i) => {
    const stat = r.answered ? `${percent(share(r.right, r.answered))} trả lời đúng (${r.right}/${r.answered})` : 'chưa có ai trả lời';
    out.push([
      bold(`Câu ${i + 1}. `),
      plain(`${r.item.question}\n— ${stat}\n`),
      bold(`Đáp án: ${optionLetter(r.item.correct)}. ${r.item.options[r.item.correct]}`),
      plain(`\n${r.item.explanation}\n`),
      italic(`Nguồn: ${options.sourceOf(r.item)}`),
    ]);
  });
  if (best.length) {
    const score = `${best[0]!.right}/${best[0]!.total}`;
    out.push(
      options.showNames
        ? [plain('🏆 '), bold(`Điểm cao nhất ${score}: `), plain(best.map((p) => p.userName).join(', ') + '. Chúc mừng!')]
        : [plain(`🏆 ${best.length} người đạt điểm cao nhất ${score}. Chúc mừng!`)],
    );
  }
  out.push([italic('Gửi /ketqua cho bot trong tin nhắn riêng để xem kết quả của bạn và những phần nên đọc lại.')]);
  return { paragraphs: out };
}

export function historyMessage(history: PersonHistory, titleOf: (item: QuizItem) => string): Message {
  if (history.rounds.length === 0) return msg([plain('Bạn chưa tham gia đợt kiểm tra kiến thức nào đã kết thúc.')]);
  const out: Paragraph[] = [[bold('📒 Kết quả kiểm tra kiến thức của bạn')]];
  out.push([
    plain(
      history.rounds
        .slice(-10)
        .map((r) => `• ${formatVnTime(r.round.startedAt)}${r.chat?.title ? ` (${r.chat.title})` : ''}: ${r.right}/${r.total} câu đúng`)
        .join('\n'),
    ),
  ]);
  if (history.missed.length === 0) out.push([plain('Bạn đã trả lời đúng mọi câu đã làm. Rất tốt!')]);
  else {
    out.push([bold('Nên đọc lại:')]);
    out.push([
      plain(
        history.missed
          .slice(0, 10)
          .map((m) => `• ${m.item.question}\n  Đáp án: ${optionLetter(m.item.correct)}. ${m.item.options[m.item.correct]} — đọc lại: ${titleOf(m.item)}`)
          .join('\n'),
      ),
    ]);
  }
  return { paragraphs: out };
}

export function reportMessage(report: ChatReport): Message {
  const name = report.chat.title ?? report.chat.chatId;
  const period = report.from || report.to ? ` từ ${report.from ? formatVnTime(report.from) : 'đầu'} đến ${report.to ? formatVnTime(report.to) : 'nay'}` : '';
  if (report.rounds.length === 0) return msg([plain(`Chưa có đợt kiểm tra nào đã kết thúc ở ${name}${period}.`)]);
  const out: Paragraph[] = [[bold(`📈 Báo cáo kiểm tra kiến thức — ${name}`), plain(period)]];
  out.push([
    plain(
      [
        `• Số đợt: ${report.rounds.length}`,
        `• Số người tham gia (khác nhau): ${report.participants}; trung bình ${report.perRound.toFixed(1)} người mỗi đợt`,
        `• Điểm trung bình: ${percent(report.averageScore)} số câu đúng`,
      ].join('\n'),
    ),
  ]);
  if (report.hardest.length) {
    out.push([bold('Câu khó nhất:')]);
    out.push([plain(report.hardest.map((h) => `• ${percent(h.share)} đúng (${h.right}/${h.answered}) — ${h.item.question}`).join('\n'))]);
  }
  out.push([bold(`Dưới mức đạt ${percent(report.passMark)} (${report.lastRounds} đợt gần nhất):`)]);
  out.push([
    plain(report.below.length ? report.below.map((p) => `• ${p.userName}: ${percent(p.share)} (${p.right}/${p.total} câu, ${p.rounds} đợt)`).join('\n') : 'Không có ai.'),
  ]);
  return { paragraphs: out };
}
