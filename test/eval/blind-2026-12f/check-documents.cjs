// Kiểm tra bộ câu hỏi blind 2026-12f: định dạng văn bản và các id trong expect.
'use strict';
const fs = require('fs');
const path = require('path');
const dir = __dirname;
let errors = 0;
const fail = (m) => { errors++; console.log('LỖI: ' + m); };

const docDir = path.join(dir, 'documents');
const ids = new Set();
for (const f of fs.readdirSync(docDir).filter((x) => x.endsWith('.md'))) {
  const text = fs.readFileSync(path.join(docDir, f), 'utf8');
  const fm = text.match(/^---\n([\s\S]*?)\n---\n/);
  if (!fm) { fail(f + ': thiếu front matter'); continue; }
  const idm = fm[1].match(/^id:\s*(\S+)/m);
  if (!idm) { fail(f + ': thiếu id'); continue; }
  const docId = idm[1];
  if (docId + '.md' !== f) fail(f + ': id khác tên tệp');
  for (const k of ['type', 'number', 'date', 'issuer', 'title']) {
    if (!new RegExp('^' + k + ':\\s*\\S', 'm').test(fm[1])) fail(f + ': thiếu ' + k);
  }
  if (/^summary:\s*true/m.test(fm[1])) fail(f + ': không được có summary: true');
  const nums = [...text.matchAll(/^Điều (\d+)\.(.*)$/gm)].map((m) => Number(m[1]));
  const seen = new Map();
  nums.forEach((n) => seen.set(n, (seen.get(n) || 0) + 1));
  for (const [n, c] of seen) if (c !== 1) fail(`${f}: Điều ${n} xuất hiện ${c} lần`);
  const max = Math.max(...nums);
  for (let i = 0; i < nums.length; i++) if (nums[i] !== i + 1) { fail(`${f}: thứ tự Điều sai tại vị trí ${i + 1} (gặp ${nums[i]})`); break; }
  const chapters = [...text.matchAll(/^Chương ([IVXLC]+)\.$/gm)].map((m) => m[1]);
  console.log(`${f}: ${nums.length} điều (1..${max}), ${chapters.length} chương (${chapters.join(', ')})`);
  const untitled = [...text.matchAll(/^Điều (\d+)\.\s*$/gm)].map((m) => m[1]);
  if (untitled.length) console.log('  Điều không có tên: ' + untitled.join(', '));
  nums.forEach((n) => ids.add(`${docId}/dieu-${n}`));
}

const lines = fs.readFileSync(path.join(dir, 'documents.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
const counts = {};
let nulls = 0;
lines.forEach((l, i) => {
  let o;
  try { o = JSON.parse(l); } catch (e) { fail(`dòng ${i + 1}: JSON hỏng`); return; }
  if (typeof o.q !== 'string' || !o.q.trim()) fail(`dòng ${i + 1}: thiếu q`);
  if (typeof o.category !== 'string') fail(`dòng ${i + 1}: thiếu category`);
  counts[o.category] = (counts[o.category] || 0) + 1;
  if (o.expect === null) { nulls++; if (!['gan-dung', 'ngoai-pham-vi'].includes(o.category)) fail(`dòng ${i + 1}: null ngoài gan-dung/ngoai-pham-vi`); return; }
  if (!Array.isArray(o.expect) || !o.expect.length) { fail(`dòng ${i + 1}: expect phải là mảng khác rỗng hoặc null`); return; }
  for (const id of o.expect) {
    if (id.includes('/dieu-')) { if (!ids.has(id)) fail(`dòng ${i + 1}: không có ${id}`); }
    else fail(`dòng ${i + 1}: id lạ ${id} (kiểm tay nếu là id tri thức)`);
  }
});
const qs = lines.map((l) => { try { return JSON.parse(l).q; } catch { return ''; } });
const dup = qs.filter((q, i) => qs.indexOf(q) !== i);
if (dup.length) fail('câu hỏi trùng: ' + dup.join(' | '));
console.log(`${lines.length} câu, ${nulls} null; theo loại:`, counts);
console.log(errors ? `${errors} lỗi` : 'OK: không có lỗi');
process.exit(errors ? 1 : 0);
