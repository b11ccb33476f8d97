import { fold } from '../text/vietnamese.js';

/**
 * A typed answer to an item posted as text: "B", "b.", "đáp án C", "chọn d" → option index.
 * Anything else (a sentence, two letters) is not an answer, so chat in a thread is not mistaken for one.
 */
export function parseChoice(text: string, optionCount: number): number | undefined {
  const t = fold(text).trim().toLowerCase().replace(/[.!)\]:]+$/, '');
  const m = /^(?:(?:dap an|chon|tra loi|cau tra loi)\s*(?:la\s*)?)?\(?([a-d])$/.exec(t);
  if (!m) return undefined;
  const index = m[1]!.charCodeAt(0) - 97;
  return index < optionCount ? index : undefined;
}
