import { clausesMatching, clauseWord, documentName, sectionCitation, sectionName, splitClauses, type DocumentInfo } from '../knowledge/legal-structure.js';
import type { Passage } from '../knowledge/types.js';
import { DEFAULT_THRESHOLDS, type Decision } from './decide.js';
import { isUntitledArticle } from './evidence.js';
import { bold, fromMarkdown, italic, plain, type Message, type Paragraph } from './message.js';

/** Longest regulation text shown in a reply; the citation points to the rest. */
const MAX_ARTICLE_CHARS = 1500;
/** A regulation section longer than this is trimmed to the clauses the question is about. */
const LONG_ARTICLE_CHARS = 700;
/** An article's lead-in ("Cán bộ, công chức không được:") is shown with the clause when it is short. */
const MAX_INTRO_CHARS = 400;

function citationText(p: Passage, citation: string): string {
  return `Nguồn: ${citation}${p.summary ? ' (nội dung tóm tắt, không phải nguyên văn)' : ''}`;
}

export function citationLine(p: Passage): Paragraph {
  return [italic(citationText(p, p.citation))];
}

/** "Lưu ý: Nghị định … đã được thay thế bởi … từ ngày 1/7/2025 …": validity of the sources, after the citation. */
export function noticeLines(p: Passage): Paragraph[] {
  return (p.notices ?? []).map((n) => [bold('Lưu ý: '), plain(n)]);
}

function cut(text: string, limit: number): { text: string; trimmed: boolean } {
  if (text.length <= limit) return { text, trimmed: false };
  const at = text.lastIndexOf('\n', limit);
  return { text: text.slice(0, at > limit / 2 ? at : limit).trim() + ' …', trimmed: true };
}

/**
 * An entry as an answer: title, text, source. With the question, a long regulation section
 * is trimmed to the clauses it asks about, cited precisely ("Khoản 2 Điều 5, …").
 */
export function passageMessage(p: Passage, question?: string): Message {
  if (p.kind === 'regulation' && question && p.section && p.body.length > LONG_ARTICLE_CHARS) {
    const excerpt = clauseExcerpt(p, question);
    if (excerpt) return excerpt;
  }
  const { text: body, trimmed } = p.kind === 'regulation' ? cut(p.body, MAX_ARTICLE_CHARS) : { text: p.body, trimmed: false };
  const paragraphs: Paragraph[] = [[bold(p.title)], ...fromMarkdown(body), citationLine(p), ...noticeLines(p)];
  if (trimmed) paragraphs.push([plain('Phần còn lại của điều này: xem toàn văn theo nguồn trên.')]);
  return { paragraphs };
}

/** The clauses of a long section that match the question, with their own citation and a pointer to the rest. */
function clauseExcerpt(p: Passage, question: string): Message | undefined {
  const section = p.section!;
  const { intro, clauses } = splitClauses(p.body);
  const chosen = clausesMatching(
    clauses.map((c) => c.text),
    question,
    `${p.title}\n${intro}`,
  );
  if (!chosen || chosen.length === clauses.length) return undefined;
  const picked = chosen.map((i) => clauses[i]!);
  const texts: string[] = [];
  picked.forEach((c, k) => {
    if (k > 0 && chosen[k]! !== chosen[k - 1]! + 1) texts.push('…');
    texts.push(c.text);
  });
  const { text } = cut(texts.join('\n'), MAX_ARTICLE_CHARS);
  const word = clauseWord(section.kind);
  const name = sectionName(section);
  const numbers = picked.map((c) => c.number);
  const paragraphs: Paragraph[] = [[bold(p.title)]];
  if (intro && intro.length <= MAX_INTRO_CHARS) paragraphs.push(...fromMarkdown(intro));
  paragraphs.push(...fromMarkdown(text));
  paragraphs.push([italic(citationText(p, sectionCitation(section.doc, section, numbers)))], ...noticeLines(p));
  paragraphs.push([
    plain(`Trên đây trích ${word} ${numbers.join(' và ')} của ${name} (gồm ${clauses.length} ${word}). Các ${word} khác: xem toàn văn ${name} theo nguồn trên.`),
  ]);
  return { paragraphs };
}

/** How to choose a suggestion where typing its number is enough. */
export const HOW_TO_PICK_BY_NUMBER = 'Gõ số thứ tự để xem câu trả lời, hoặc hỏi lại rõ hơn. Nếu không có câu nào đúng, cán bộ hỗ trợ sẽ giúp bạn.';

/** Longest opening of an article's text shown as its choice label. */
const CHOICE_OPENING_CHARS = 70;

/** The text up to `limit` characters, cut at the last space before it, "…" marking the cut. */
function cutAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const space = text.lastIndexOf(' ', limit);
  return `${text.slice(0, space > 0 ? space : limit)} …`;
}

/** A document as a choice names it: "Quyết định 129/2007/QĐ-TTg", or by its name when it has no number. */
function shortDocumentName(doc: DocumentInfo): string {
  return doc.number ? `${doc.type} ${doc.number}` : documentName(doc);
}

/**
 * A passage as a "Có phải bạn muốn hỏi…" choice: an FAQ entry by its title; an article by its
 * title and document, and one known by its number alone ("Điều 87") by its opening words too,
 * since its number tells the asker nothing.
 */
export function choiceLabel(p: Passage): string {
  if (p.kind !== 'regulation' || !p.section) return p.title;
  const document = shortDocumentName(p.section.doc);
  if (!isUntitledArticle(p)) return `${p.title} (${document})`;
  const opening = p.body.replace(/^\s*(?:\d+\.|[a-zđ]\))\s*/u, '').split('\n')[0]!.trim();
  // What it says first: a button shows only its first words.
  return `${p.title}: ${cutAtWord(opening, CHOICE_OPENING_CHARS)} (${document})`;
}

/** Longest quote of the first choice's text shown under "Có phải bạn muốn hỏi". */
const PREVIEW_CHARS = 180;

/**
 * What the first choice says where the question is about it, when it is an article: the
 * clause the question matches (its opening alone when none does), quoted with its source.
 * A label tells which article; a quote lets the asker judge whether it is the one without
 * opening it. An FAQ entry's title is already a question in the asker's words: no quote.
 */
export function choicePreview(choices: Passage[], question: string): Paragraph | undefined {
  const p = choices[0];
  if (!p || p.kind !== 'regulation' || !p.section || !p.body.trim()) return undefined;
  const { intro, clauses } = splitClauses(p.body);
  // The title's words count here: "nghĩa vụ" of "Quyền, nghĩa vụ của …" tells which clause is asked.
  const matched = clausesMatching(clauses.map((c) => c.text), question, intro)?.[0];
  // The clause's own number is said before the quote ("Khoản 2 Điều 12 có đoạn").
  const text = (matched === undefined ? p.body : clauses[matched]!.text.replace(/^\s*\d+\.\s*/u, '')).replace(/\s+/g, ' ').trim();
  const quote = cutAtWord(text, PREVIEW_CHARS);
  const where = matched === undefined ? sectionName(p.section) : `${clauseWord(p.section.kind)} ${clauses[matched]!.number} ${sectionName(p.section)}`;
  return [plain(`${where.charAt(0).toLocaleUpperCase('vi')}${where.slice(1)} (${shortDocumentName(p.section.doc)}) có đoạn: `), italic(`“${quote}”`)];
}

export function suggestionsMessage(choices: Passage[], howToPick: string, question = ''): Message {
  const preview = question ? choicePreview(choices, question) : undefined;
  return {
    paragraphs: [
      [bold('Có phải bạn muốn hỏi:')],
      [plain(choices.map((c, i) => `${i + 1}. ${choiceLabel(c)}`).join('\n'))],
      ...(preview ? [preview] : []),
      [plain(howToPick)],
    ],
  };
}

export const SMALLTALK_REPLIES: Record<string, string> = {
  empty: 'Bạn chưa nhập câu hỏi. Hãy gõ câu hỏi về văn hóa công vụ, văn hóa công sở hoặc cải cách hành chính nhé.',
  no_text: 'Mình chỉ đọc được chữ. Bạn hãy gõ câu hỏi bằng lời, ví dụ: "Công chức có phải đeo thẻ khi làm việc không?"',
  emoji: '🙂 Bạn cần hỏi gì thêm cứ nhắn nhé.',
  greeting: 'Xin chào! Mình là trợ lý văn hóa công vụ. Bạn cứ hỏi về trang phục, thẻ công chức, giao tiếp với người dân, rượu bia, mạng xã hội, cải cách hành chính… nhé.',
  thanks: 'Không có gì ạ! Nếu còn thắc mắc, bạn cứ hỏi tiếp nhé.',
  ack: 'Vâng ạ. Bạn cần hỏi thêm gì cứ nhắn nhé.',
  bye: 'Chào bạn, chúc bạn làm việc hiệu quả!',
  wish: 'Cảm ơn bạn! Chúc bạn và gia đình nhiều sức khỏe, công tác tốt. Cần hỏi gì về văn hóa công vụ cứ nhắn mình nhé.',
  help: 'Mình trả lời các câu hỏi về văn hóa công vụ, văn hóa công sở (trang phục, thẻ, giao tiếp, rượu bia, mạng xã hội, "4 xin, 4 luôn"…) và cải cách hành chính, kèm nguồn văn bản. Ví dụ: "Giờ nghỉ trưa có được uống bia không?", "Quyết định 1847 là gì?". Câu nào mình chưa biết sẽ được chuyển đến cán bộ hỗ trợ.',
};

/** What the asker is told when a person takes over. */
export function escalatedText(decision: Decision, ticketId?: number, joined = false): string {
  const ticket = ticketId ? ` (phiếu #${ticketId})` : '';
  if (decision.reason === 'too_long') {
    return `Câu hỏi dài quá ${DEFAULT_THRESHOLDS.maxQuestionLength} ký tự nên mình không tự tìm được câu trả lời. Toàn bộ nội dung đã được chuyển đến cán bộ hỗ trợ${ticket}; câu trả lời sẽ được gửi lại tại đây.`;
  }
  if (joined) return `Câu hỏi này đang được cán bộ hỗ trợ xem xét${ticket}. Khi có câu trả lời, mình sẽ gửi cho bạn tại đây.`;
  if (decision.reason === 'off_topic' && decision.offTopic?.length) {
    const named = decision.offTopic.map((p) => `"${p}"`).join(', ');
    return `Câu hỏi về ${named} thuộc lĩnh vực khác, ngoài kho văn hóa công vụ và cải cách hành chính của mình. Câu hỏi đã được chuyển đến cán bộ hỗ trợ${ticket}; câu trả lời sẽ được gửi lại tại đây.`;
  }
  return `Mình chưa có câu trả lời chắc chắn cho câu hỏi này. Câu hỏi đã được chuyển đến cán bộ hỗ trợ${ticket}; câu trả lời sẽ được gửi lại tại đây.`;
}

/** Without a ticket (npm run ask, eval): what the bot would do in a chat, not a promise nobody keeps. */
export function wouldEscalateText(decision: Decision): string {
  const why =
    decision.reason === 'too_long'
      ? `Câu hỏi dài quá ${DEFAULT_THRESHOLDS.maxQuestionLength} ký tự nên bot không tự tìm câu trả lời.`
      : decision.reason === 'off_topic' && decision.offTopic?.length
        ? `Câu hỏi về ${decision.offTopic.map((p) => `"${p}"`).join(', ')} thuộc lĩnh vực khác, ngoài kho tri thức.`
        : 'Bot chưa có câu trả lời chắc chắn cho câu hỏi này.';
  return `${why} Trong chat, bot sẽ mở phiếu, chuyển câu hỏi đến cán bộ hỗ trợ và báo số phiếu cho người hỏi (lệnh này không mở phiếu nào).`;
}

/**
 * The reply the asker sees, channel-neutral. `ticketId` is the ticket opened for an
 * escalation (none in batch mode); `howToPick` explains how to choose a suggestion on this channel;
 * `question` lets a long article be trimmed to the clauses asked about.
 */
export function replyMessage(decision: Decision, options: { ticketId?: number; joined?: boolean; howToPick?: string; question?: string } = {}): Message {
  switch (decision.status) {
    case 'answered':
      return passageMessage(decision.passage!, options.question);
    case 'suggested':
      return suggestionsMessage(decision.suggestions, options.howToPick ?? HOW_TO_PICK_BY_NUMBER, options.question);
    case 'escalated':
      return { paragraphs: [[plain(options.ticketId === undefined ? wouldEscalateText(decision) : escalatedText(decision, options.ticketId, options.joined))]] };
    case 'smalltalk':
      return { paragraphs: [[plain(SMALLTALK_REPLIES[decision.reason] ?? SMALLTALK_REPLIES.help!)]] };
  }
}
