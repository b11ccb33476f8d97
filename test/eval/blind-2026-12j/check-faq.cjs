#!/usr/bin/env node
// Kiểm tra bộ câu hỏi mù faq.jsonl: JSON hợp lệ, expect tồn tại, số lượng theo loại,
// và độ trùng (Jaccard trên tập âm tiết đã bỏ dấu) với tiêu đề + "cách hỏi" của từng mục FAQ.
// Chỉ đọc knowledge/faq/*.md và knowledge/regulations/*.md (không đọc lexicon, quiz).
'use strict';
const fs = require('fs');
const path = require('path');

const KNOWLEDGE_DIR = process.env.KNOWLEDGE_DIR || path.join(__dirname, '..', '..', '..', 'knowledge');
const FILE = process.argv[2] || path.join(__dirname, 'faq.jsonl');
const THRESHOLD = 0.65;
const TARGET = {
  chuan: 16, 'khong-dau': 14, 'viet-tat': 14, 'loi-go': 12, 'dien-dat-khac': 14,
  'gan-dung': 28, 'ngoai-pham-vi': 10, smalltalk: 12,
};
const IN_SCOPE = new Set(['chuan', 'khong-dau', 'viet-tat', 'loi-go', 'dien-dat-khac']);
const NULL_CATS = new Set(['gan-dung', 'ngoai-pham-vi']);

function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}
function syllables(s) {
  return new Set(fold(s).split(/[^a-z0-9]+/).filter(Boolean));
}
function jaccard(a, b) {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const uni = a.size + b.size - inter;
  return uni === 0 ? 0 : inter / uni;
}
function unquote(v) {
  v = v.trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
  return v;
}
function frontMatter(text) {
  const m = text.match(/^---\n([\s\S]*?)\n---/);
  return m ? m[1].split('\n') : [];
}

// --- ids hợp lệ ---
const ids = new Set();
const phrasings = []; // {id, text}
const faqDir = path.join(KNOWLEDGE_DIR, 'faq');
for (const f of fs.readdirSync(faqDir).filter((n) => n.endsWith('.md'))) {
  const lines = frontMatter(fs.readFileSync(path.join(faqDir, f), 'utf8'));
  let id = null; let inQ = false;
  const texts = [];
  for (const line of lines) {
    const kv = line.match(/^([a-z_]+):\s*(.*)$/);
    if (kv) {
      inQ = kv[1] === 'questions';
      if (kv[1] === 'id') id = unquote(kv[2]);
      if (kv[1] === 'title') texts.push(unquote(kv[2]));
      continue;
    }
    if (inQ) {
      const item = line.match(/^\s+-\s+(.*)$/);
      if (item) texts.push(unquote(item[1]));
    }
    const ref = line.match(/^\s+-\s+ref:\s*(\S+)/);
    if (ref && /\/muc-/.test(ref[1])) ids.add(ref[1]); // mục của Đề án, theo cách FAQ đặt tên
  }
  if (!id) { console.error(`ERROR: ${f} không có id`); process.exitCode = 1; continue; }
  ids.add(id);
  for (const t of texts) phrasings.push({ id, text: t, set: syllables(t) });
}
const regDir = path.join(KNOWLEDGE_DIR, 'regulations');
for (const f of fs.readdirSync(regDir).filter((n) => n.endsWith('.md'))) {
  const text = fs.readFileSync(path.join(regDir, f), 'utf8');
  const idm = frontMatter(text).map((l) => l.match(/^id:\s*(.*)$/)).find(Boolean);
  if (!idm) continue;
  const rid = unquote(idm[1]);
  for (const m of text.matchAll(/^Điều (\d+)\./gm)) ids.add(`${rid}/dieu-${m[1]}`);
}

// --- kiểm tra tệp ---
let errors = 0; let warnings = 0;
const counts = {};
const seen = new Map();
const usedIds = new Set();
const lines = fs.readFileSync(FILE, 'utf8').split('\n');
lines.forEach((raw, i) => {
  const n = i + 1;
  if (!raw.trim()) return;
  let o;
  try { o = JSON.parse(raw); } catch (e) { console.log(`ERROR dòng ${n}: JSON lỗi: ${e.message}`); errors++; return; }
  const { q, expect, category } = o;
  if (typeof q !== 'string' || !q.trim()) { console.log(`ERROR dòng ${n}: thiếu q`); errors++; return; }
  if (!(category in TARGET)) { console.log(`ERROR dòng ${n}: category lạ "${category}"`); errors++; return; }
  counts[category] = (counts[category] || 0) + 1;
  const key = fold(q).replace(/\s+/g, ' ').trim();
  if (seen.has(key)) { console.log(`ERROR dòng ${n}: trùng câu ở dòng ${seen.get(key)}`); errors++; }
  seen.set(key, n);
  if (IN_SCOPE.has(category)) {
    if (!Array.isArray(expect) || expect.length === 0) { console.log(`ERROR dòng ${n}: expect phải là mảng id`); errors++; }
    else for (const id of expect) {
      if (!ids.has(id)) { console.log(`ERROR dòng ${n}: id không tồn tại "${id}"`); errors++; }
      usedIds.add(id);
    }
  } else if (NULL_CATS.has(category)) {
    if (expect !== null) { console.log(`ERROR dòng ${n}: ${category} phải có expect null`); errors++; }
  } else if (expect !== 'smalltalk') { console.log(`ERROR dòng ${n}: smalltalk phải có expect "smalltalk"`); errors++; }

  if (category !== 'smalltalk') {
    const s = syllables(q);
    let best = { j: 0 };
    for (const p of phrasings) {
      const j = jaccard(s, p.set);
      if (j > best.j) best = { j, p };
    }
    if (best.j >= THRESHOLD) {
      const msg = `dòng ${n} [${category}] trùng ${best.j.toFixed(2)} với ${best.p.id}: "${best.p.text}"`;
      if (category === 'ngoai-pham-vi') { console.log(`WARN ${msg}`); warnings++; }
      else { console.log(`ERROR ${msg}`); errors++; }
    } else if (process.env.VERBOSE) {
      console.log(`  dòng ${n} max ${best.j.toFixed(2)} (${best.p ? best.p.id : '-'})`);
    }
  }
});

console.log('\nSố câu theo loại (thực tế / mục tiêu):');
let total = 0;
for (const c of Object.keys(TARGET)) {
  const got = counts[c] || 0; total += got;
  const mark = got === TARGET[c] ? '' : '  <-- lệch mục tiêu';
  console.log(`  ${c.padEnd(14)} ${String(got).padStart(3)} / ${TARGET[c]}${mark}`);
  if (got !== TARGET[c]) warnings++;
}
const faqIds = [...usedIds].filter((x) => !x.includes('/'));
console.log(`  tổng          ${total}`);
console.log(`Số id khác nhau trong expect: ${usedIds.size} (mục FAQ: ${faqIds.length})`);
console.log(`\n${errors} lỗi, ${warnings} cảnh báo`);
process.exitCode = errors ? 1 : 0;
