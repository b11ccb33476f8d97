// Kiểm tra bộ câu hỏi mù 2026-12i: JSON hợp lệ, mã điều có trong tệp .txt, đếm theo nhóm.
const fs = require('fs');
const path = require('path');
const dir = __dirname;
const DOC_ID = 'nd-30-2020-nd-cp';
const txt = fs.readFileSync(path.join(dir, 'source', DOC_ID + '.txt'), 'utf8');
const articles = new Set();
for (const line of txt.split(/\r?\n/)) {
  const m = /^Điều (\d+)\./.exec(line);
  if (m) articles.add(Number(m[1]));
}
const CATS = ['chuan', 'khong-dau', 'viet-tat', 'loi-go', 'dien-dat-khac', 'gan-dung', 'ngoai-pham-vi'];
const NULL_CATS = new Set(['gan-dung', 'ngoai-pham-vi']);
const counts = Object.fromEntries(CATS.map((c) => [c, 0]));
const errors = [];
const seen = new Set();
const used = new Set();
const lines = fs.readFileSync(path.join(dir, 'documents.jsonl'), 'utf8').split('\n');
let n = 0;
lines.forEach((raw, i) => {
  const ln = i + 1;
  if (!raw.trim()) return;
  n++;
  let o;
  try { o = JSON.parse(raw); } catch (e) { errors.push(`dòng ${ln}: JSON lỗi: ${e.message}`); return; }
  const keys = Object.keys(o).sort().join(',');
  if (keys !== 'category,expect,q') errors.push(`dòng ${ln}: khóa lạ: ${keys}`);
  if (typeof o.q !== 'string' || !o.q.trim()) errors.push(`dòng ${ln}: thiếu q`);
  if (seen.has(o.q)) errors.push(`dòng ${ln}: câu hỏi trùng`);
  seen.add(o.q);
  if (!CATS.includes(o.category)) { errors.push(`dòng ${ln}: nhóm lạ ${o.category}`); return; }
  counts[o.category]++;
  if (NULL_CATS.has(o.category)) {
    if (o.expect !== null) errors.push(`dòng ${ln}: nhóm ${o.category} phải có expect null`);
    return;
  }
  if (!Array.isArray(o.expect) || o.expect.length === 0) { errors.push(`dòng ${ln}: expect phải là mảng không rỗng`); return; }
  for (const id of o.expect) {
    const m = new RegExp('^' + DOC_ID + '/dieu-(\\d+)$').exec(id);
    if (!m) { errors.push(`dòng ${ln}: mã không đúng dạng: ${id}`); continue; }
    if (!articles.has(Number(m[1]))) errors.push(`dòng ${ln}: không có dòng "Điều ${m[1]}." trong tệp .txt`);
    used.add(Number(m[1]));
  }
});
const named = lines.filter((l) => /(nghị định|nghi dinh|nghị đinh|nđ|nd)\s*(30|về công tác văn thư)/i.test(l)).length;
console.log(`Số điều trong .txt: ${articles.size} (Điều ${Math.min(...articles)}–${Math.max(...articles)})`);
console.log(`Số câu: ${n}`);
for (const c of CATS) console.log(`  ${c}: ${counts[c]}`);
console.log(`Trong phạm vi: ${n - counts['gan-dung'] - counts['ngoai-pham-vi']}, null: ${counts['gan-dung'] + counts['ngoai-pham-vi']}`);
console.log(`Câu nêu tên văn bản: ${named}`);
console.log(`Điều được dùng làm đáp án: ${[...used].sort((a, b) => a - b).join(', ')}`);
console.log(`Lỗi: ${errors.length}`);
for (const e of errors) console.log('  ' + e);
process.exit(errors.length ? 1 : 0);
