'use strict';
// Kiểm tra documents.jsonl của bộ blind-2026-12n-doc. Chạy: node check-documents.cjs
const fs = require('fs');
const path = require('path');

const dir = __dirname;
const CATS = {
  'chuan': false, 'khong-dau': false, 'viet-tat': false, 'loi-go': false,
  'dien-dat-khac': false, 'gan-dung': true, 'ngoai-pham-vi': true,
}; // true = câu hỏi null (expect phải là null)

const errors = [];
const counts = {};
const articleCache = {};

function articlesOf(id) {
  if (articleCache[id]) return articleCache[id];
  const file = path.join(dir, 'source', id + '.txt');
  let set = null;
  if (fs.existsSync(file)) {
    set = new Set();
    const text = fs.readFileSync(file, 'utf8').normalize('NFC');
    for (const line of text.split(/\r?\n/)) {
      const m = /^Điều\s+(\d+)(?:[.:]|\s)/.exec(line);
      if (m) set.add(Number(m[1]));
    }
  }
  articleCache[id] = set;
  return set;
}

const lines = fs.readFileSync(path.join(dir, 'documents.jsonl'), 'utf8').split(/\r?\n/);
const seen = new Map();
const cited = new Set();
let n = 0;
lines.forEach((raw, i) => {
  const ln = i + 1;
  if (!raw.trim()) return;
  n++;
  let o;
  try { o = JSON.parse(raw); } catch (e) { errors.push(`dòng ${ln}: JSON lỗi: ${e.message}`); return; }
  const keys = Object.keys(o).sort().join(',');
  if (keys !== 'category,expect,q') errors.push(`dòng ${ln}: khóa phải đúng là q, expect, category (đang có: ${keys})`);
  if (typeof o.q !== 'string' || !o.q.trim()) errors.push(`dòng ${ln}: q rỗng hoặc không phải chuỗi`);
  if (!(o.category in CATS)) { errors.push(`dòng ${ln}: category không hợp lệ: ${o.category}`); return; }
  counts[o.category] = (counts[o.category] || 0) + 1;
  const key = String(o.q).normalize('NFC').trim().toLowerCase();
  if (seen.has(key)) errors.push(`dòng ${ln}: câu hỏi trùng với dòng ${seen.get(key)}`);
  else seen.set(key, ln);
  if (o.category === 'khong-dau' && /[^\x00-\x7F]/.test(o.q)) errors.push(`dòng ${ln}: khong-dau có ký tự ngoài ASCII`);
  if (CATS[o.category]) {
    if (o.expect !== null) errors.push(`dòng ${ln}: nhóm ${o.category} phải có expect null`);
    return;
  }
  if (!Array.isArray(o.expect) || o.expect.length === 0) { errors.push(`dòng ${ln}: expect phải là mảng không rỗng`); return; }
  for (const ex of o.expect) {
    const m = /^([a-z0-9-]+)\/dieu-(\d+)$/.exec(ex);
    if (!m) { errors.push(`dòng ${ln}: expect sai dạng <id>/dieu-N: ${ex}`); continue; }
    const arts = articlesOf(m[1]);
    if (!arts) { errors.push(`dòng ${ln}: không có source/${m[1]}.txt`); continue; }
    if (!arts.has(Number(m[2]))) errors.push(`dòng ${ln}: source/${m[1]}.txt không có dòng "Điều ${m[2]}."`);
    cited.add(ex);
  }
});

console.log('Số câu hỏi:', n);
for (const c of Object.keys(CATS)) console.log(`  ${c.padEnd(14)} ${counts[c] || 0}`);
console.log('Số điều khác nhau được hỏi:', cited.size);
if (errors.length) { console.log(`${errors.length} lỗi:`); errors.forEach((e) => console.log('  - ' + e)); process.exitCode = 1; }
else console.log('0 lỗi');
