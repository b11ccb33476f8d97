'use strict';
// Kiểm tra documents.jsonl của bộ đánh giá mù blind-2026-12l-doc.
// Chạy: node check-documents.cjs   (đường dẫn tính từ thư mục chứa tệp này)
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
const err = (n, msg) => errors.push(`dòng ${n}: ${msg}`);

// Đọc các văn bản nguồn: id -> tập số Điều có dòng tiêu đề ở đầu dòng.
const articleCache = new Map();
function articlesOf(id) {
  if (articleCache.has(id)) return articleCache.get(id);
  const file = path.join(DIR, 'source', `${id}.txt`);
  let set = null;
  if (fs.existsSync(file)) {
    set = new Set();
    const text = fs.readFileSync(file, 'utf8').normalize('NFC');
    for (const line of text.split(/\r?\n/)) {
      const m = /^\s*Điều\s+(\d+[a-zđ]?)(?:[.:]|\s|$)/u.exec(line);
      if (m) set.add(m[1]);
    }
  }
  articleCache.set(id, set);
  return set;
}

const raw = fs.readFileSync(path.join(DIR, 'documents.jsonl'), 'utf8');
const lines = raw.split(/\r?\n/);
const seen = new Map();
const counts = {};
const articleHits = new Map();
let total = 0;

lines.forEach((line, i) => {
  const n = i + 1;
  if (line.trim() === '') {
    if (i !== lines.length - 1) err(n, 'dòng trống');
    return;
  }
  let obj;
  try {
    obj = JSON.parse(line);
  } catch (e) {
    err(n, `JSON lỗi: ${e.message}`);
    return;
  }
  total++;
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    err(n, 'không phải object');
    return;
  }
  const keys = Object.keys(obj).sort().join(',');
  if (keys !== 'category,expect,q') err(n, `khóa phải đúng là q, expect, category (đang có: ${keys})`);

  const { q, expect, category } = obj;
  if (typeof q !== 'string' || q.trim() === '') err(n, 'q phải là chuỗi không rỗng');
  if (!(category in CATEGORIES)) {
    err(n, `category không hợp lệ: ${category}`);
  } else {
    counts[category] = (counts[category] || 0) + 1;
    const isNull = CATEGORIES[category];
    if (isNull && expect !== null) err(n, `category ${category} phải có expect null`);
    if (!isNull && expect === null) err(n, `category ${category} không được có expect null`);
  }

  if (expect !== null) {
    if (!Array.isArray(expect) || expect.length === 0) {
      err(n, 'expect phải là null hoặc mảng không rỗng');
    } else {
      const uniq = new Set(expect);
      if (uniq.size !== expect.length) err(n, 'expect có mục trùng');
      for (const ref of expect) {
        const m = typeof ref === 'string' ? /^([a-z0-9-]+)\/dieu-(\d+[a-zđ]?)$/u.exec(ref) : null;
        if (!m) {
          err(n, `expect sai dạng <id>/dieu-N: ${JSON.stringify(ref)}`);
          continue;
        }
        const arts = articlesOf(m[1]);
        if (arts === null) {
          err(n, `không có tệp source/${m[1]}.txt`);
        } else if (!arts.has(m[2])) {
          err(n, `source/${m[1]}.txt không có dòng "Điều ${m[2]}."`);
        } else {
          articleHits.set(ref, (articleHits.get(ref) || 0) + 1);
        }
      }
    }
  }

  if (typeof q === 'string') {
    if (category === 'khong-dau' && /[^\x00-\x7F]/.test(q)) err(n, 'câu khong-dau có ký tự ngoài ASCII');
    const key = q.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
    if (seen.has(key)) err(n, `câu hỏi trùng với dòng ${seen.get(key)}`);
    else seen.set(key, n);
  }
});

console.log(`Tổng số câu: ${total}`);
for (const c of Object.keys(CATEGORIES)) console.log(`  ${c.padEnd(14)} ${counts[c] || 0}`);
const inScope = Object.keys(CATEGORIES).filter((c) => !CATEGORIES[c]).reduce((s, c) => s + (counts[c] || 0), 0);
console.log(`Câu có đáp án: ${inScope}; câu null: ${total - inScope}`);
console.log(`Số Điều khác nhau được hỏi: ${articleHits.size}`);
for (const [id, set] of articleCache) {
  if (set) console.log(`source/${id}.txt: ${set.size} Điều`);
}
if (errors.length) {
  console.log(`\n${errors.length} lỗi:`);
  for (const e of errors) console.log('  ' + e);
  process.exitCode = 1;
} else {
  console.log('\n0 lỗi');
}
