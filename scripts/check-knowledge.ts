/** npm run check-knowledge [dir]: validates the knowledge base; lists every problem as file:line: reason. */
import 'dotenv/config';
import { loadKnowledge } from '../src/knowledge/load.js';
import { formatError, KnowledgeInvalidError } from '../src/knowledge/types.js';
import { loadCheckedQuizBank } from '../src/quiz/bank.js';

const dir = process.argv[2] ?? process.env.KNOWLEDGE_DIR ?? 'knowledge';
try {
  const k = await loadKnowledge(dir);
  const thin = k.passages.filter((p) => p.kind === 'faq' && p.questions.length < 3 && p.topic !== 'hoi-dap');
  console.log(`✅ ${dir}: ${k.faqCount} câu hỏi đáp, ${k.regulationCount} văn bản, ${k.passages.length} đoạn tra cứu; từ điển ${Object.keys(k.lexicon.abbreviations).length} viết tắt, ${Object.keys(k.lexicon.shorthand).length} từ gõ tắt, ${k.lexicon.synonyms.length} nhóm đồng nghĩa.`);
  for (const p of thin) console.log(`  lưu ý: ${p.file}: chỉ có ${p.questions.length} cách hỏi (nên có từ 3)`);
  for (const w of k.warnings ?? []) console.log(`  cảnh báo: ${formatError(w)}`);
  const quiz = await loadCheckedQuizBank(dir, k.passages);
  console.log(`✅ ngân hàng câu hỏi kiểm tra: ${quiz.items.length} câu, ${new Set(quiz.items.map((i) => i.topic)).size} chủ đề.`);
} catch (e) {
  if (!(e instanceof KnowledgeInvalidError)) throw e;
  console.error(`❌ ${dir}: ${e.errors.length} lỗi`);
  for (const err of e.errors) console.error(`  ${formatError(err)}`);
  process.exit(1);
}
