#!/usr/bin/env node
// Kiểm tra tập đánh giá mù faq.jsonl (blind-2026-12l-faq).
// Chạy: node check-faq.cjs   (KNOWLEDGE_DIR=... để trỏ tới thư mục knowledge khác)
// Chỉ đọc knowledge/faq/*.md (id, title, questions) và knowledge/regulations/*.md (id, "Điều N.").
'use strict';
const fs = require('fs');
const path = require('path');

const HERE = __dirname;
const KNOWLEDGE_DIR = process.env.KNOWLEDGE_DIR || path.join(HERE, '..', '..', '..', 'knowledge');
const SET_FILE = path.join(HERE, 'faq.jsonl');
const JACCARD_MAX = 0.65;
const VERBOSE = process.argv.includes('--verbose') || process.argv.includes('-v');

const COUNTS = {
  'chuan': 14,
  'khong-dau': 13,
  'viet-tat': 13,
  'loi-go': 11,
  'dien-dat-khac': 13,
  'gan-dung': 26,
  'ngoai-pham-vi': 8,
  'smalltalk': 12,
};
const IN_SCOPE = new Set(['chuan', 'khong-dau', 'viet-tat', 'loi-go', 'dien-dat-khac']);
const NULL_CATS = new Set(['gan-dung', 'ngoai-pham-vi']);
const TOTAL = Object.values(COUNTS).reduce((a, b) => a + b, 0);

const errors = [];
const warnings = [];
const err = (m) => errors.push(m);
const warn = (m) => warnings.push(m);

// ---------- chuẩn hóa ----------
function fold(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
function syllables(s) {
  return fold(s.normalize('NFC'))
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
function jaccard(a, b) {
  const A = new Set(a);
  const B = new Set(b);
  if (A.size === 0 && B.size === 0) return 0;
  let inter = 0;
  for (const x of A) if (B.has(x)) inter++;
  return inter / (A.size + B.size - inter);
}
function dedupKey(q) {
  return syllables(q).join(' ');
}
function unquote(v) {
  v = v.trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) {
    v = v.slice(1, -1);
  }
  return v;
}

// ---------- đọc knowledge ----------
function readFrontMatter(text) {
  const m = text.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/);
  if (!m) return null;
  return { fm: m[1].split(/\r?\n/), body: m[2] };
}

const validIds = new Set();
const faqIds = new Set();
const refTexts = []; // {id, kind, text, syl}

const faqDir = path.join(KNOWLEDGE_DIR, 'faq');
const regDir = path.join(KNOWLEDGE_DIR, 'regulations');
if (!fs.existsSync(faqDir)) {
  console.error(`Không thấy thư mục ${faqDir} (đặt KNOWLEDGE_DIR nếu cần)`);
  process.exit(2);
}
for (const f of fs.readdirSync(faqDir).filter((x) => x.endsWith('.md')).sort()) {
  const parsed = readFrontMatter(fs.readFileSync(path.join(faqDir, f), 'utf8'));
  if (!parsed) {
    warn(`faq/${f}: không đọc được front matter`);
    continue;
  }
  let id = null;
  let title = null;
  const qs = [];
  let inQ = false;
  for (const line of parsed.fm) {
    if (/^id:/.test(line)) id = unquote(line.slice(3));
    else if (/^title:/.test(line)) title = unquote(line.slice(6));
    if (/^questions:\s*$/.test(line)) {
      inQ = true;
      continue;
    }
    if (inQ) {
      const mm = line.match(/^\s+-\s+(.*)$/);
      if (mm) qs.push(unquote(mm[1]));
      else if (/^\S/.test(line)) inQ = false;
    }
  }
  if (!id) {
    warn(`faq/${f}: thiếu id`);
    continue;
  }
  validIds.add(id);
  faqIds.add(id);
  if (title) refTexts.push({ id, kind: 'title', text: title, syl: syllables(title) });
  for (const q of qs) refTexts.push({ id, kind: 'question', text: q, syl: syllables(q) });
}
if (fs.existsSync(regDir)) {
  for (const f of fs.readdirSync(regDir).filter((x) => x.endsWith('.md')).sort()) {
    const parsed = readFrontMatter(fs.readFileSync(path.join(regDir, f), 'utf8'));
    if (!parsed) continue;
    let id = null;
    for (const line of parsed.fm) if (/^id:/.test(line)) id = unquote(line.slice(3));
    if (!id) continue;
    validIds.add(id);
    const re = /^\s*Điều\s+(\d+)\./gm;
    let m;
    while ((m = re.exec(parsed.body.normalize('NFC')))) validIds.add(`${id}/dieu-${m[1]}`);
  }
}

// ---------- đọc tập câu hỏi ----------
if (!fs.existsSync(SET_FILE)) {
  console.error(`Không thấy ${SET_FILE}`);
  process.exit(2);
}
const raw = fs.readFileSync(SET_FILE, 'utf8');
const lines = raw.split('\n');
if (lines.length && lines[lines.length - 1] === '') lines.pop();

const counts = {};
const seen = new Map();
const usedIds = new Map();
let maxSim = { v: 0 };

lines.forEach((line, i) => {
  const ln = i + 1;
  if (line.trim() === '') {
    err(`dòng ${ln}: dòng trống`);
    return;
  }
  let o;
  try {
    o = JSON.parse(line);
  } catch (e) {
    err(`dòng ${ln}: không phải JSON (${e.message})`);
    return;
  }
  if (o === null || typeof o !== 'object' || Array.isArray(o)) {
    err(`dòng ${ln}: không phải object`);
    return;
  }
  const keys = Object.keys(o).sort();
  if (keys.join(',') !== 'category,expect,q') err(`dòng ${ln}: khóa phải đúng là q, expect, category (đang có: ${keys.join(', ')})`);
  const { q, expect, category } = o;
  if (typeof q !== 'string' || q.trim() === '') {
    err(`dòng ${ln}: q rỗng hoặc không phải chuỗi`);
    return;
  }
  if (q !== q.normalize('NFC')) warn(`dòng ${ln}: q chưa ở dạng NFC`);
  if (!Object.prototype.hasOwnProperty.call(COUNTS, category)) {
    err(`dòng ${ln}: category không hợp lệ: ${JSON.stringify(category)}`);
    return;
  }
  counts[category] = (counts[category] || 0) + 1;

  // expect theo loại
  if (IN_SCOPE.has(category)) {
    if (!Array.isArray(expect) || expect.length < 1 || expect.length > 2) {
      err(`dòng ${ln}: ${category} cần expect là mảng 1-2 id`);
    } else {
      if (new Set(expect).size !== expect.length) err(`dòng ${ln}: expect có id lặp`);
      for (const id of expect) {
        if (typeof id !== 'string' || !validIds.has(id)) err(`dòng ${ln}: id không tồn tại: ${JSON.stringify(id)}`);
        else usedIds.set(id, (usedIds.get(id) || 0) + 1);
      }
    }
  } else if (NULL_CATS.has(category)) {
    if (expect !== null) err(`dòng ${ln}: ${category} phải có expect = null`);
  } else if (category === 'smalltalk') {
    if (expect !== 'smalltalk') err(`dòng ${ln}: smalltalk phải có expect = "smalltalk"`);
  }

  // không dấu
  if (category === 'khong-dau' && /[^\x00-\x7f]/.test(q)) err(`dòng ${ln}: khong-dau có ký tự ngoài ASCII: ${q}`);

  // trùng lặp
  const key = dedupKey(q);
  if (seen.has(key)) err(`dòng ${ln}: trùng câu hỏi với dòng ${seen.get(key)}: ${q}`);
  else seen.set(key, ln);

  // độ giống với tiêu đề / câu hỏi mẫu của mục
  const syl = syllables(q);
  let best = { v: 0, ref: null };
  for (const r of refTexts) {
    const v = jaccard(syl, r.syl);
    if (v > best.v) best = { v, ref: r };
  }
  if (best.v > maxSim.v) maxSim = { v: best.v, ln };
  const msg = `dòng ${ln}: Jaccard ${best.v.toFixed(2)} với ${best.ref ? best.ref.kind + ' của ' + best.ref.id : '-'}: ${q}`;
  if (best.v >= JACCARD_MAX) {
    if (IN_SCOPE.has(category)) err(msg);
    else warn(msg);
  } else if (VERBOSE) {
    console.log(msg);
  }
});

// số lượng
for (const [c, n] of Object.entries(COUNTS)) {
  if ((counts[c] || 0) !== n) err(`category ${c}: có ${counts[c] || 0}, cần ${n}`);
}
if (lines.length !== TOTAL) err(`tổng số dòng ${lines.length}, cần ${TOTAL}`);

// báo cáo
const inScopeN = Object.entries(counts).filter(([c]) => IN_SCOPE.has(c)).reduce((a, [, n]) => a + n, 0);
const faqUsed = [...usedIds.keys()].filter((id) => faqIds.has(id));
console.log(`knowledge: ${KNOWLEDGE_DIR}`);
console.log(`mục FAQ: ${faqIds.size}, câu mẫu + tiêu đề dùng để so: ${refTexts.length}, id hợp lệ (kể cả văn bản/điều): ${validIds.size}`);
console.log(`dòng: ${lines.length}; trong phạm vi: ${inScopeN}; số mục FAQ khác nhau được dùng: ${faqUsed.length}`);
console.log('số câu theo loại: ' + Object.keys(COUNTS).map((c) => `${c}=${counts[c] || 0}`).join(', '));
console.log(`Jaccard lớn nhất: ${maxSim.v.toFixed(2)} (dòng ${maxSim.ln || '-'})`);
for (const w of warnings) console.log('CẢNH BÁO: ' + w);
for (const e of errors) console.log('LỖI: ' + e);
console.log(`${errors.length} lỗi, ${warnings.length} cảnh báo`);
process.exit(errors.length ? 1 : 0);
