// Kiểm tra bộ câu hỏi: node check.cjs
const fs = require('fs');
const path = require('path');
const dir = __dirname;
const docDir = path.join(dir, 'documents');
const ids = new Set();
for (const f of fs.readdirSync(docDir).filter((f) => f.endsWith('.md'))) {
  const text = fs.readFileSync(path.join(docDir, f), 'utf8');
  const m = text.match(/^---\n[\s\S]*?^id:\s*(\S+)\s*$/m);
  if (!m) { console.error(`${f}: thiếu id trong front matter`); process.exitCode = 1; continue; }
  for (const a of text.matchAll(/^Điều (\d+)\. \S/gm)) ids.add(`${m[1]}/dieu-${a[1]}`);
}
const allowed = new Set(['chuan', 'khong-dau', 'viet-tat', 'loi-go', 'dien-dat-khac', 'gan-dung', 'ngoai-pham-vi']);
let errors = 0;
const counts = {};
const seen = new Set();
const used = new Set();
const lines = fs.readFileSync(path.join(dir, 'documents.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
lines.forEach((line, i) => {
  const n = i + 1;
  let o;
  try { o = JSON.parse(line); } catch (e) { console.error(`dòng ${n}: JSON hỏng: ${e.message}`); errors++; return; }
  if (typeof o.q !== 'string' || !o.q.trim()) { console.error(`dòng ${n}: thiếu q`); errors++; }
  if (seen.has(o.q)) { console.error(`dòng ${n}: câu hỏi trùng`); errors++; }
  seen.add(o.q);
  if (!allowed.has(o.category)) { console.error(`dòng ${n}: category lạ: ${o.category}`); errors++; }
  counts[o.category] = (counts[o.category] || 0) + 1;
  const isNullCat = o.category === 'gan-dung' || o.category === 'ngoai-pham-vi';
  if (o.expect === null) {
    if (!isNullCat) { console.error(`dòng ${n}: expect null nhưng category ${o.category}`); errors++; }
  } else if (Array.isArray(o.expect) && o.expect.length) {
    if (isNullCat) { console.error(`dòng ${n}: category ${o.category} phải có expect null`); errors++; }
    for (const id of o.expect) {
      if (!ids.has(id)) { console.error(`dòng ${n}: id không có trong văn bản: ${id}`); errors++; }
      used.add(id);
    }
  } else { console.error(`dòng ${n}: expect phải là mảng id khác rỗng hoặc null`); errors++; }
});
const named = lines.filter((l) => /lu[aậ]t ti[eế]p c[aậ]n th[oô]ng tin/i.test(JSON.parse(l).q)).length;
console.log(`điều trong văn bản: ${ids.size}; điều được hỏi tới: ${used.size}`);
console.log(`câu hỏi: ${lines.length}`, counts);
console.log(`câu nêu tên luật: ${named}`);
console.log(`lỗi: ${errors}`);
if (errors) process.exitCode = 1;
