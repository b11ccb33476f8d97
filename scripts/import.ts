/**
 * npm run import -- <file.docx|.doc|.pdf|.html|.md|.txt> [...] [--dry-run] [--max-mb=10 …]
 * Converts official documents into regulation files under $KNOWLEDGE_DIR/regulations/
 * (default knowledge/), one progress line per file and what was found; exit code 1 if any failed.
 * Each file is read in a worker under the same limits as a file sent in chat (see
 * src/import/limits.ts); flags raise or lower them.
 */
import 'dotenv/config';
import path from 'node:path';
import { toPlainText } from '../src/answer/message.js';
import { DEFAULT_LIMITS, IMPORTABLE_EXTENSIONS, ImportError, importFile, LIMIT_FLAGS, limitsFromFlags, summaryMessage } from '../src/import/index.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { formatError, KnowledgeInvalidError } from '../src/knowledge/types.js';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const files = args.filter((a) => !a.startsWith('--'));
const knowledgeDir = process.env.KNOWLEDGE_DIR?.trim() || 'knowledge';
const watching = ['true', '1', 'yes'].includes(process.env.KNOWLEDGE_WATCH?.trim() ?? '');

const { limits, errors } = limitsFromFlags(args);
const unknown = args.filter((a) => a.startsWith('--') && a !== '--dry-run' && a !== '--help' && !LIMIT_FLAGS[a.slice(2).split('=')[0]!]);

if (files.length === 0 || args.includes('--help') || args.includes('-h') || errors.length > 0 || unknown.length > 0) {
  for (const e of errors) console.log(`❌ ${e}`);
  for (const a of unknown) console.log(`❌ Không hiểu tùy chọn ${a}.`);
  console.log(`Cách dùng: npm run import -- <tệp${IMPORTABLE_EXTENSIONS.join('|')}> [...] [--dry-run] [giới hạn]`);
  console.log(`Văn bản được ghi vào ${path.join(knowledgeDir, 'regulations')}/ (đổi thư mục bằng KNOWLEDGE_DIR). --dry-run: chỉ đọc và báo cáo, không ghi.`);
  console.log('Giới hạn khi đọc mỗi tệp (như khi gửi qua Telegram), đổi bằng:');
  for (const [flag, { key, scale, label }] of Object.entries(LIMIT_FLAGS)) console.log(`  --${flag}=${DEFAULT_LIMITS[key] / scale}  (${label})`);
  const asked = args.includes('--help') || args.includes('-h');
  process.exit(asked && errors.length === 0 && unknown.length === 0 ? 0 : 2);
}

let failed = 0;
let written = 0;
for (const [i, file] of files.entries()) {
  const started = performance.now();
  console.log(`[${i + 1}/${files.length}] Đang đọc ${file}…`);
  try {
    const result = await importFile(knowledgeDir, file, { dryRun, limits });
    const ms = Math.round(performance.now() - started);
    const text = toPlainText(summaryMessage(result)).split('\n').filter(Boolean);
    console.log(`  ✅ ${text[0]} (${ms} ms)`);
    for (const line of text.slice(1)) console.log(`     ${line}`);
    if (result.written) written++;
  } catch (e) {
    failed++;
    if (e instanceof ImportError) console.log(`  ❌ Không nhập được ${file}: ${e.message} Không có gì thay đổi.`);
    else console.log(`  ❌ Lỗi không mong đợi với ${file}: ${(e as Error).stack ?? e}`);
  }
}

console.log('');
if (dryRun) console.log(`Chạy thử (--dry-run): đã đọc ${files.length - failed}/${files.length} tệp, không ghi gì.`);
else console.log(`Đã nhập ${written}/${files.length} văn bản vào ${path.join(knowledgeDir, 'regulations')}.`);

if (written > 0) {
  // The whole knowledge base as the bot will load it: an error elsewhere would make /reload refuse.
  try {
    const k = await loadKnowledge(knowledgeDir);
    console.log(`Kho tri thức hợp lệ: ${k.faqCount} câu hỏi đáp, ${k.regulationCount} văn bản, ${k.passages.length} đoạn tra cứu.`);
    console.log(
      watching
        ? 'Bot đang chạy với KNOWLEDGE_WATCH=true sẽ tự nạp lại trong giây lát.'
        : 'Để bot dùng văn bản mới: quản trị viên gõ /reload trong Telegram, hoặc khởi động lại bot (hoặc bật KNOWLEDGE_WATCH=true để tự nạp lại).',
    );
  } catch (e) {
    if (!(e instanceof KnowledgeInvalidError)) throw e;
    failed++;
    console.log(`❌ Kho tri thức "${knowledgeDir}" đang có ${e.errors.length} lỗi (bot sẽ không nạp lại cho đến khi sửa):`);
    for (const err of e.errors.slice(0, 20)) console.log(`  ${formatError(err)}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
