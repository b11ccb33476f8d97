// Kiểm tra bộ câu hỏi mù 2026-12j: JSON hợp lệ, id điều tồn tại trong văn bản, đếm theo nhóm.
const fs = require('fs');
const path = require('path');
const dir = __dirname;
const DOC_ID = 'luat-02-2011-qh13';
const txt = fs.readFileSync(path.join(dir, 'source', DOC_ID + '.txt'), 'utf8').normalize('NFC');
const articles = new Set();
for (const line of txt.split(/\r?\n/)) {
  const m = line.match(/^Điều\s+(\d+)\./);
  if (m) articles.add(Number(m[1]));
}
const CATS = ['chuan', 'khong-dau', 'viet-tat', 'loi-go', 'dien-dat-khac', 'gan-dung', 'ngoai-pham-vi'];
const NULL_CATS = new Set(['gan-dung', 'ngoai-pham-vi']);
const lines = fs.readFileSync(path.join(dir, 'documents.jsonl'), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
const counts = {};
const seenQ = new Set();
let errors = 0;
const err = (i, msg) => { errors++; console.error(`dòng ${i + 1}: ${msg}`); };
lines.forEach((line, i) => {
  let o;
  try { o = JSON.parse(line); } catch (e) { err(i, 'JSON lỗi: ' + e.message); return; }
  if (typeof o.q !== 'string' || !o.q.trim()) err(i, 'thiếu q');
  if (seenQ.has(o.q)) err(i, 'câu hỏi trùng');
  seenQ.add(o.q);
  if (!CATS.includes(o.category)) err(i, 'category lạ: ' + o.category);
  counts[o.category] = (counts[o.category] || 0) + 1;
  if (NULL_CATS.has(o.category)) {
    if (o.expect !== null) err(i, 'nhóm ' + o.category + ' phải có expect null');
    return;
  }
  if (!Array.isArray(o.expect) || o.expect.length === 0) { err(i, 'expect phải là mảng không rỗng'); return; }
  for (const id of o.expect) {
    const m = String(id).match(/^([a-z0-9-]+)\/dieu-(\d+)$/);
    if (!m) { err(i, 'id sai dạng: ' + id); continue; }
    if (m[1] !== DOC_ID) err(i, 'id văn bản lạ: ' + id);
    if (!articles.has(Number(m[2]))) err(i, 'không có dòng "Điều ' + m[2] + '." trong văn bản: ' + id);
  }
});
console.log('Số điều trong văn bản:', articles.size, '(Điều ' + Math.min(...articles) + '–' + Math.max(...articles) + ')');
console.log('Tổng số câu:', lines.length);
for (const c of CATS) console.log('  ' + c + ': ' + (counts[c] || 0));
console.log('Lỗi:', errors);
process.exit(errors ? 1 : 0);
