import type { Decision } from '../../src/answer/decide.js';

export interface LabelledQuestion {
  q: string;
  /** acceptable passage ids; null = out of scope; "smalltalk" = small talk */
  expect: string[] | null | 'smalltalk';
  category: string;
  /** a folder of documents of its own the question is about (a used blind set's), loaded beside the set's knowledge */
  documents?: string;
}

export function parseLabelledSet(text: string, file: string): LabelledQuestion[] {
  return text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line && !line.startsWith('//'))
    .map(({ line, n }) => {
      let raw: { q?: unknown; expect?: unknown; category?: unknown };
      try {
        raw = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${n}: không phải JSON`);
      }
      if (typeof raw.q !== 'string') throw new Error(`${file}:${n}: thiếu "q"`);
      const expect = raw.expect === null || raw.expect === 'smalltalk' ? raw.expect : typeof raw.expect === 'string' ? [raw.expect] : raw.expect;
      if (expect !== null && expect !== 'smalltalk' && !(Array.isArray(expect) && expect.every((x) => typeof x === 'string'))) {
        throw new Error(`${file}:${n}: "expect" phải là id, danh sách id, null hoặc "smalltalk"`);
      }
      // A clause is answered by its article: the article is the passage ("…/dieu-7/khoan-2" is "…/dieu-7").
      const ids = Array.isArray(expect) ? [...new Set(expect.map((id) => id.replace(/(\/dieu-[^/]+)\/(?:khoan|diem)-.*$/, '$1')))] : expect;
      return { q: raw.q, expect: ids as LabelledQuestion['expect'], category: typeof raw.category === 'string' ? raw.category : 'khác' };
    });
}

export interface Outcome {
  item: LabelledQuestion;
  decision: Decision;
  /** in scope: answered with an expected entry */
  correct: boolean;
  /** in scope: answered correctly or the expected entry is among the suggestions */
  covered: boolean;
  /** in scope: answered with a wrong entry */
  wrong: boolean;
  /** out of scope / small talk: wrongly answered with an entry */
  falseAnswer: boolean;
}

export interface Totals {
  inScope: number;
  answeredCorrect: number;
  covered: number;
  wrongAnswer: number;
  outOfScope: number;
  outOfScopeAnswered: number;
  /** out of scope sent straight to a person (no suggestions shown) */
  outOfScopeEscalated: number;
  smalltalk: number;
  smalltalkCorrect: number;
  /** a question (in scope or not) taken for small talk: it gets a polite reply, never an answer or a person */
  questionAsSmalltalk: number;
}

export interface Report {
  outcomes: Outcome[];
  totals: Totals & { answeredCorrectPct: number; coveredPct: number; wrongAnswerPct: number; outOfScopeAnsweredPct: number };
  byCategory: Map<string, Totals>;
}

function empty(): Totals {
  return { inScope: 0, answeredCorrect: 0, covered: 0, wrongAnswer: 0, outOfScope: 0, outOfScopeAnswered: 0, outOfScopeEscalated: 0, smalltalk: 0, smalltalkCorrect: 0, questionAsSmalltalk: 0 };
}

function add(t: Totals, o: Outcome): void {
  const e = o.item.expect;
  if (e === 'smalltalk') {
    t.smalltalk++;
    if (o.decision.status === 'smalltalk') t.smalltalkCorrect++;
    return;
  }
  if (o.decision.status === 'smalltalk') t.questionAsSmalltalk++;
  if (e === null) {
    t.outOfScope++;
    if (o.falseAnswer) t.outOfScopeAnswered++;
    if (o.decision.status === 'escalated') t.outOfScopeEscalated++;
  } else {
    t.inScope++;
    if (o.correct) t.answeredCorrect++;
    if (o.covered) t.covered++;
    if (o.wrong) t.wrongAnswer++;
  }
}

const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);

export function evaluate(set: LabelledQuestion[], ask: (q: string, item: LabelledQuestion) => Decision): Report {
  const outcomes = set.map<Outcome>((item) => {
    const decision = ask(item.q, item);
    const ids = Array.isArray(item.expect) ? item.expect : [];
    const answeredId = decision.status === 'answered' ? decision.passage!.id : undefined;
    const correct = answeredId !== undefined && ids.includes(answeredId);
    const covered = correct || (decision.status === 'suggested' && decision.suggestions.some((p) => ids.includes(p.id)));
    return {
      item,
      decision,
      correct,
      covered,
      wrong: ids.length > 0 && answeredId !== undefined && !correct,
      falseAnswer: !Array.isArray(item.expect) && answeredId !== undefined,
    };
  });
  const totals = empty();
  const byCategory = new Map<string, Totals>();
  for (const o of outcomes) {
    add(totals, o);
    const t = byCategory.get(o.item.category) ?? empty();
    add(t, o);
    byCategory.set(o.item.category, t);
  }
  return {
    outcomes,
    byCategory,
    totals: {
      ...totals,
      answeredCorrectPct: pct(totals.answeredCorrect, totals.inScope),
      coveredPct: pct(totals.covered, totals.inScope),
      wrongAnswerPct: pct(totals.wrongAnswer, totals.inScope),
      outOfScopeAnsweredPct: pct(totals.outOfScopeAnswered, totals.outOfScope),
    },
  };
}

export function formatReport(r: Report, verbose = false): string {
  const lines: string[] = [];
  const t = r.totals;
  lines.push(`Bộ câu hỏi: ${r.outcomes.length} (trong phạm vi ${t.inScope}, ngoài phạm vi ${t.outOfScope}, chào hỏi ${t.smalltalk})`);
  lines.push(`Trả lời đúng (trong phạm vi):        ${t.answeredCorrectPct}%  (${t.answeredCorrect}/${t.inScope})`);
  lines.push(`Đúng hoặc có trong gợi ý:            ${t.coveredPct}%  (${t.covered}/${t.inScope})`);
  lines.push(`Trả lời sai mục (trong phạm vi):     ${t.wrongAnswerPct}%  (${t.wrongAnswer}/${t.inScope})`);
  lines.push(`Ngoài phạm vi mà vẫn trả lời:        ${t.outOfScopeAnsweredPct}%  (${t.outOfScopeAnswered}/${t.outOfScope})`);
  lines.push(`Ngoài phạm vi chuyển thẳng cán bộ:   ${pct(t.outOfScopeEscalated, t.outOfScope)}%  (${t.outOfScopeEscalated}/${t.outOfScope}; còn lại được gợi ý)`);
  lines.push(`Chào hỏi nhận đúng:                  ${pct(t.smalltalkCorrect, t.smalltalk)}%  (${t.smalltalkCorrect}/${t.smalltalk})`);
  lines.push(`Câu hỏi bị coi là chào hỏi:          ${pct(t.questionAsSmalltalk, t.inScope + t.outOfScope)}%  (${t.questionAsSmalltalk}/${t.inScope + t.outOfScope})`);
  lines.push('');
  lines.push('Theo nhóm:                 số câu  đúng%   phủ%   sai%   ngoài-PV-trả-lời%');
  for (const [cat, c] of [...r.byCategory.entries()].sort()) {
    const n = c.inScope + c.outOfScope + c.smalltalk;
    lines.push(
      `  ${cat.padEnd(24)} ${String(n).padStart(5)}  ${c.inScope ? String(pct(c.answeredCorrect, c.inScope)).padStart(5) : '    -'}  ${c.inScope ? String(pct(c.covered, c.inScope)).padStart(5) : '    -'}  ${c.inScope ? String(pct(c.wrongAnswer, c.inScope)).padStart(5) : '    -'}  ${c.outOfScope ? String(pct(c.outOfScopeAnswered, c.outOfScope)).padStart(5) : '    -'}`,
    );
  }
  if (verbose) {
    lines.push('', 'Câu chưa đạt:');
    for (const o of r.outcomes) {
      const ok = Array.isArray(o.item.expect) ? o.correct : o.item.expect === null ? !o.falseAnswer : o.decision.status === 'smalltalk';
      if (ok) continue;
      const got = o.decision.status === 'answered' ? `answered ${o.decision.passage!.id}` : `${o.decision.status} [${o.decision.suggestions.map((p) => p.id).join(', ')}]`;
      lines.push(`  [${o.item.category}] ${o.item.q}\n      mong đợi ${JSON.stringify(o.item.expect)} · nhận ${got} · score ${o.decision.score.toFixed(2)}`);
    }
  }
  return lines.join('\n');
}

/** One line per set: the headline figures side by side. */
export function formatSummary(reports: [string, Report][]): string {
  const lines = ['bộ                  số câu  đúng%  phủ%   sai%  ngoài-PV-trả-lời%  chào-hỏi%'];
  for (const [name, r] of reports) {
    const t = r.totals;
    lines.push(
      `${name.padEnd(18)} ${String(r.outcomes.length).padStart(6)}  ${String(t.answeredCorrectPct).padStart(5)} ${String(t.coveredPct).padStart(5)}  ${String(t.wrongAnswerPct).padStart(5)}  ${String(t.outOfScopeAnsweredPct).padStart(16)}  ${t.smalltalk ? String(pct(t.smalltalkCorrect, t.smalltalk)).padStart(9) : '        -'}`,
    );
  }
  return lines.join('\n');
}
