import path from 'node:path';
import { stringify } from 'yaml';
import type { Ticket } from '../store/store.js';
import { writeAtomic } from '../store/atomic.js';
import { vnDate } from '../text/dates.js';
import { fold, words } from '../text/vietnamese.js';

export const MODERATOR_SOURCE = 'Trả lời của cán bộ hỗ trợ';

/** "hoi-dap-12-uong-bia-khi-di-cong-tac": readable, unique per ticket. */
export function faqIdFor(ticket: Ticket): string {
  const slug = words(ticket.question).map(fold).slice(0, 8).join('-').replace(/[^a-z0-9-]/g, '');
  return `hoi-dap-${ticket.id}${slug ? `-${slug}` : ''}`;
}

/** The FAQ file for an answered ticket: its questions as phrasings, the moderator's answer as the answer. */
export function faqFileFor(ticket: Ticket): { id: string; relativePath: string; content: string } {
  if (!ticket.answer) throw new Error(`phiếu #${ticket.id} chưa có câu trả lời`);
  const id = faqIdFor(ticket);
  const question = ticket.question.replace(/\s+/g, ' ').trim();
  const title = question.length > 90 ? `${question.slice(0, 87).trimEnd()}…` : question;
  const front = {
    id,
    title,
    topic: 'hoi-dap',
    tags: ['hỏi đáp'],
    questions: [question],
    source: { document: MODERATOR_SOURCE, date: vnDate(ticket.answer.at), note: `phiếu #${ticket.id}, ${ticket.answer.by.name}` },
  };
  const content = `---\n${stringify(front, { lineWidth: 0 })}---\n${ticket.answer.text.trim()}\n`;
  return { id, relativePath: path.posix.join('faq', `${id}.md`), content };
}

export async function writeFaqFile(knowledgeDir: string, file: { relativePath: string; content: string }): Promise<string> {
  const full = path.join(knowledgeDir, file.relativePath);
  // knowledge files are meant to be read and edited by the people running the bot
  await writeAtomic(full, file.content, { mode: 0o644 });
  return full;
}
