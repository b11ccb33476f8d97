'use strict';
// Kiểm tra documents.jsonl của bộ đánh giá mù blind-2026-12m-doc.
// Chạy: node check-documents.cjs  (mọi đường dẫn tính theo __dirname)
const fs = require('fs');
const path = require('path');

const DIR = __dirname;
const CATEGORIES = {
  'chuan': false,
  'khong-dau': false,
  'viet-tat': false,
  'loi-go': false,
  'dien-dat-khac': false,
  'gan-dung': true, // true = câu null (expect phải là null)
  'ngoai-pham-vi': true,
};

const errors = [];
const err = (line, msg) => errors.push(`dòng ${line}: ${msg}`);

// Nạp các văn bản nguồn: id -> tập số điều có trong tệp
const sourceDir = path.join(DIR, 'source');
const articles = {};
for (const f of fs.readdirSync(sourceDir)) {
  if (!f.endsWith('.txt')) continue;
  const id = f.slice(0, -4);
  const set = new Set();
  const text = fs.readFileSync(path.join(sourceDir, f), 'utf8').normalize('NFC');
  for (const l of text.split(/\r?\n/)) {
    const m = l.match(/^Điều\s+(\d+)(?:[.:]|\s)/);
    if (m) set.add(Number(m[1]));
  }
  articles[id] = set;
}

const raw = fs.readFileSync(path.join(DIR, 'documents.jsonl'), 'utf8');
const lines = raw.split(/\r?\n/);
const seen = new Map();
const counts = {};
const articleHits = {};
let total = 0;
let nulls = 0;

lines.forEach((line, i) => {
  const n = i + 1;
  if (line.trim() === '') {
    if (i !== lines.length - 1) err(n, 'dòng trống');
    return;
  }
  let o;
  try {
    o = JSON.parse(line);
  } catch (e) {
    err(n, 'JSON lỗi: ' + e.message);
    return;
  }
  total++;
  if (o === null || typeof o !== 'object' || Array.isArray(o)) {
    err(n, 'không phải object');
    return;
  }
  const keys = Object.keys(o).sort().join(',');
  if (keys !== 'category,expect,q') err(n, `khóa phải đúng là q, expect, category (có: ${keys})`);
  if (typeof o.q !== 'string' || o.q.trim() === '') err(n, 'q rỗng hoặc không phải chuỗi');
  if (!Object.prototype.hasOwnProperty.call(CATEGORIES, o.category)) {
    err(n, `category không hợp lệ: ${o.category}`);
    return;
  }
  counts[o.category] = (counts[o.category] || 0) + 1;
  const isNull = CATEGORIES[o.category];
  if (isNull) {
    if (o.expect !== null) err(n, `category ${o.category} phải có expect null`);
    else nulls++;
  } else if (!Array.isArray(o.expect) || o.expect.length === 0) {
    err(n, 'expect phải là mảng không rỗng');
  } else {
    const uniq = new Set(o.expect);
    if (uniq.size !== o.expect.length) err(n, 'expect có phần tử trùng');
    for (const e of o.expect) {
      const m = typeof e === 'string' && e.match(/^([a-z0-9-]+)\/dieu-(\d+)$/);
      if (!m) {
        err(n, `expect sai dạng <id>/dieu-N: ${e}`);
        continue;
      }
      const [, id, num] = m;
      if (!articles[id]) err(n, `không có source/${id}.txt`);
      else if (!articles[id].has(Number(num))) err(n, `source/${id}.txt không có dòng "Điều ${num}."`);
      else articleHits[e] = (articleHits[e] || 0) + 1;
    }
  }
  if (typeof o.q === 'string') {
    const key = o.q.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(key)) err(n, `câu hỏi trùng dòng ${seen.get(key)}`);
    else seen.set(key, n);
    if (o.category === 'khong-dau' && /[^\x00-\x7F]/.test(o.q)) err(n, 'khong-dau có ký tự ngoài ASCII');
  }
});

console.log('Văn bản nguồn:');
for (const [id, set] of Object.entries(articles)) console.log(`  ${id}: ${set.size} điều`);
console.log(`Tổng số câu: ${total} (null: ${nulls}, có đáp án: ${total - nulls})`);
for (const c of Object.keys(CATEGORIES)) console.log(`  ${c}: ${counts[c] || 0}`);
console.log(`Số điều khác nhau được hỏi: ${Object.keys(articleHits).length}`);
const named = lines.filter((l) => {
  try {
    const o = JSON.parse(l);
    return Array.isArray(o.expect) && /(th[oô]ng t[uư]|\btt)\s*101/i.test(o.q);
  } catch (e) {
    return false;
  }
}).length;
console.log(`Câu có đáp án nêu tên văn bản (thông tư/tt 101): ${named}`);
console.log(`Lỗi: ${errors.length}`);
for (const e of errors) console.log('  ' + e);
process.exitCode = errors.length ? 1 : 0;
