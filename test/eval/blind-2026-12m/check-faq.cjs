#!/usr/bin/env node
// Kiểm tra bộ câu hỏi mù faq.jsonl (blind-2026-12m-faq).
// Chạy: node check-faq.cjs   (KNOWLEDGE_DIR=... để đổi thư mục knowledge)
'use strict';
const fs = require('fs');
const path = require('path');

const HERE = __dirname;
const KNOWLEDGE_DIR = process.env.KNOWLEDGE_DIR || path.join(HERE, '..', '..', '..', 'knowledge');
const SET_FILE = path.join(HERE, 'faq.jsonl');

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
const TOTAL = 110;
const JACCARD_MAX = 0.65;

const errors = [];
const warnings = [];
const err = (m) => errors.push(m);

function fold(s) {
  return String(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
function syllables(s) {
  return fold(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}
function jaccard(a, b) {
  const A = new Set(a);
  const B = new Set(b);
  if (!A.size && !B.size) return 0;
  let inter = 0;
  for (const x of A) if (B.has(x)) inter++;
  return inter / (A.size + B.size - inter);
}
function unquote(v) {
  v = v.trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
  return v;
}

// Đọc front matter đơn giản: id, title, danh sách questions.
function readFrontMatter(file) {
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split(/\r?\n/);
  const out = { id: null, title: null, questions: [], body: '' };
  if (lines[0].trim() !== '---') return out;
  let i = 1;
  let inQuestions = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '---') { i++; break; }
    const top = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (top) {
      inQuestions = top[1] === 'questions';
      if (top[1] === 'id') out.id = unquote(top[2]);
      if (top[1] === 'title') out.title = unquote(top[2]);
      continue;
    }
    if (inQuestions) {
      const item = /^\s+-\s+(.*)$/.exec(line);
      if (item) out.questions.push(unquote(item[1]));
    }
  }
  out.body = lines.slice(i).join('\n');
  return out;
}

// ---- tập id hợp lệ và các câu mẫu (title + questions) ----
const validIds = new Set();
const templates = []; // { id, text, syl }
const faqDir = path.join(KNOWLEDGE_DIR, 'faq');
const regDir = path.join(KNOWLEDGE_DIR, 'regulations');
if (!fs.existsSync(faqDir)) {
  console.error(`Không thấy thư mục ${faqDir} (đặt KNOWLEDGE_DIR nếu cần).`);
  process.exit(2);
}
for (const f of fs.readdirSync(faqDir).filter((x) => x.endsWith('.md')).sort()) {
  const fm = readFrontMatter(path.join(faqDir, f));
  if (!fm.id) { warnings.push(`faq/${f}: không đọc được id`); continue; }
  validIds.add(fm.id);
  if (fm.title) templates.push({ id: fm.id, kind: 'title', text: fm.title, syl: syllables(fm.title) });
  for (const q of fm.questions) templates.push({ id: fm.id, kind: 'question', text: q, syl: syllables(q) });
}
const faqIds = new Set(validIds);
if (fs.existsSync(regDir)) {
  for (const f of fs.readdirSync(regDir).filter((x) => x.endsWith('.md')).sort()) {
    const fm = readFrontMatter(path.join(regDir, f));
    if (!fm.id) { warnings.push(`regulations/${f}: không đọc được id`); continue; }
    validIds.add(fm.id);
    const re = /^\s*Điều\s+(\d+)\./gm;
    let m;
    while ((m = re.exec(fm.body))) validIds.add(`${fm.id}/dieu-${m[1]}`);
  }
}

// ---- đọc bộ câu hỏi ----
if (!fs.existsSync(SET_FILE)) { console.error(`Thiếu ${SET_FILE}`); process.exit(2); }
const raw = fs.readFileSync(SET_FILE, 'utf8').split(/\r?\n/);
if (raw.length && raw[raw.length - 1] === '') raw.pop();
const rows = [];
raw.forEach((line, idx) => {
  const n = idx + 1;
  if (!line.trim()) { err(`dòng ${n}: dòng trống`); return; }
  let o;
  try { o = JSON.parse(line); } catch (e) { err(`dòng ${n}: không phải JSON (${e.message})`); return; }
  if (!o || typeof o !== 'object' || Array.isArray(o)) { err(`dòng ${n}: không phải object`); return; }
  const keys = Object.keys(o).sort();
  if (keys.join(',') !== 'category,expect,q') err(`dòng ${n}: khóa phải đúng là q, expect, category (có: ${keys.join(', ')})`);
  rows.push({ n, ...o });
});

if (rows.length !== TOTAL) err(`tổng số dòng ${rows.length}, cần ${TOTAL}`);

const catCount = {};
const seen = new Map();
const usedIds = new Map();
for (const r of rows) {
  const { n, q, expect, category } = r;
  if (typeof q !== 'string' || !q.trim()) { err(`dòng ${n}: q rỗng hoặc không phải chuỗi`); continue; }
  if (!Object.prototype.hasOwnProperty.call(COUNTS, category)) { err(`dòng ${n}: category không hợp lệ: ${category}`); continue; }
  catCount[category] = (catCount[category] || 0) + 1;

  // trùng câu (bỏ dấu, chữ hoa, dấu câu)
  const key = syllables(q).join(' ');
  if (seen.has(key)) err(`dòng ${n}: trùng câu với dòng ${seen.get(key)}: ${q}`);
  else seen.set(key, n);

  if (NULL_CATS.has(category)) {
    if (expect !== null) err(`dòng ${n}: ${category} phải có expect = null`);
  } else if (category === 'smalltalk') {
    if (expect !== 'smalltalk') err(`dòng ${n}: smalltalk phải có expect = "smalltalk"`);
  } else {
    if (!Array.isArray(expect) || expect.length === 0) { err(`dòng ${n}: ${category} phải có expect là mảng id không rỗng`); }
    else {
      if (expect.length > 2) err(`dòng ${n}: quá 2 id trong expect`);
      if (new Set(expect).size !== expect.length) err(`dòng ${n}: expect có id lặp`);
      for (const id of expect) {
        if (typeof id !== 'string' || !validIds.has(id)) err(`dòng ${n}: id không tồn tại: ${id}`);
        else usedIds.set(id, (usedIds.get(id) || 0) + 1);
      }
    }
  }

  if (category === 'khong-dau' && /[^\x00-\x7F]/.test(q)) err(`dòng ${n}: khong-dau có ký tự ngoài ASCII: ${q}`);

  if (IN_SCOPE.has(category)) {
    const s = syllables(q);
    let best = { j: 0 };
    for (const t of templates) {
      const j = jaccard(s, t.syl);
      if (j > best.j) best = { j, t };
    }
    if (best.j >= JACCARD_MAX) {
      err(`dòng ${n}: Jaccard ${best.j.toFixed(2)} ≥ ${JACCARD_MAX} với ${best.t.kind} của ${best.t.id}: "${best.t.text}" | câu: ${q}`);
    }
    r.maxJ = best.j;
  }
}

for (const [c, want] of Object.entries(COUNTS)) {
  const got = catCount[c] || 0;
  if (got !== want) err(`category ${c}: có ${got}, cần ${want}`);
}

// ---- báo cáo ----
const inScope = rows.filter((r) => IN_SCOPE.has(r.category));
const maxJ = inScope.reduce((m, r) => Math.max(m, r.maxJ || 0), 0);
const faqUsed = [...usedIds.keys()].filter((id) => faqIds.has(id));
console.log(`knowledge: ${KNOWLEDGE_DIR}`);
console.log(`mục FAQ: ${faqIds.size}, id hợp lệ (kể cả văn bản/điều): ${validIds.size}, câu mẫu dùng để so Jaccard: ${templates.length}`);
console.log(`số dòng: ${rows.length}; theo nhóm: ${Object.keys(COUNTS).map((c) => `${c}=${catCount[c] || 0}`).join(', ')}`);
console.log(`câu trong phạm vi: ${inScope.length}; số mục FAQ khác nhau được dùng: ${faqUsed.length}; Jaccard lớn nhất: ${maxJ.toFixed(2)}`);
for (const w of warnings) console.log(`cảnh báo: ${w}`);
if (errors.length) {
  for (const e of errors) console.log(`LỖI: ${e}`);
  console.log(`${errors.length} lỗi`);
  process.exit(1);
}
console.log('0 lỗi');
