import { vnDay } from '../text/dates.js';
import type { FeedbackRecord, QuestionRecord } from './store.js';

/**
 * Running totals of the question and feedback logs, kept up to date record by record,
 * so /thongke costs the same after a year as on the first day.
 */
export class Tally {
  questions = 0;
  readonly shares: Record<QuestionRecord['status'], number> = { answered: 0, suggested: 0, escalated: 0, smalltalk: 0 };
  /** questions per day in Vietnam ("2026-12-02") */
  readonly byDay = new Map<string, number>();
  helpful = 0;
  unhelpful = 0;

  addQuestion(q: Pick<QuestionRecord, 'at' | 'status'>): void {
    this.questions++;
    this.shares[q.status]++;
    const day = vnDay(q.at);
    this.byDay.set(day, (this.byDay.get(day) ?? 0) + 1);
  }

  addFeedback(f: Pick<FeedbackRecord, 'helpful'>): void {
    if (f.helpful) this.helpful++;
    else this.unhelpful++;
  }
}
