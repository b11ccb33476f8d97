// Kiểm tra bộ câu hỏi mù 2026-12k: JSON từng dòng, mã điều trong expect có thật trong tệp .txt, đếm theo nhóm.
const fs = require('fs');
const path = require('path');
const DOC_ID = 'luat-22-2008-qh12';
const txt = fs.readFileSync(path.join(__dirname, 'source', DOC_ID + '.txt'), 'utf8').normalize('NFC');
const articles = new Set();
for (const m of txt.matchAll(/^Điều (\d+)\./gm)) articles.add(Number(m[1]));
const CATS = ['chuan', 'khong-dau', 'viet-tat', 'loi-go', 'dien-dat-khac', 'gan-dung', 'ngoai-pham-vi'];
const NULL_CATS = new Set(['gan-dung', 'ngoai-pham-vi']);
const lines = fs.readFileSync(path.join(__dirname, 'documents.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
const counts = {};
const seen = new Set();
let errors = 0;
const err = (i, msg) => { errors++; console.error(`dòng ${i + 1}: ${msg}`); };
lines.forEach((line, i) => {
  let o;
  try { o = JSON.parse(line); } catch (e) { return err(i, 'JSON hỏng: ' + e.message); }
  const keys = Object.keys(o).sort().join(',');
  if (keys !== 'category,expect,q') err(i, 'khóa lạ: ' + keys);
  if (typeof o.q !== 'string' || !o.q.trim()) err(i, 'thiếu q');
  if (seen.has(o.q)) err(i, 'câu hỏi trùng'); seen.add(o.q);
  if (!CATS.includes(o.category)) err(i, 'category lạ: ' + o.category);
  counts[o.category] = (counts[o.category] || 0) + 1;
  if (NULL_CATS.has(o.category)) {
    if (o.expect !== null) err(i, 'nhóm ' + o.category + ' phải có expect null');
  } else {
    if (!Array.isArray(o.expect) || o.expect.length === 0) return err(i, 'expect phải là mảng không rỗng');
    for (const id of o.expect) {
      const m = /^([a-z0-9-]+)\/dieu-(\d+)$/.exec(id);
      if (!m || m[1] !== DOC_ID) { err(i, 'mã lạ: ' + id); continue; }
      if (!articles.has(Number(m[2]))) err(i, `không có "Điều ${m[2]}." trong ${DOC_ID}.txt`);
    }
  }
  if (o.category === 'khong-dau' && /[^\x00-\x7F]/.test(o.q)) err(i, 'khong-dau nhưng còn dấu');
});
const inScope = lines.length - (counts['gan-dung'] || 0) - (counts['ngoai-pham-vi'] || 0);
console.log('Điều có trong .txt:', [...articles].join(', '));
console.log('Tổng:', lines.length, '| trong phạm vi:', inScope, '| null:', lines.length - inScope);
console.log('Theo nhóm:', JSON.stringify(counts));
console.log('Lỗi:', errors);
process.exit(errors ? 1 : 0);
