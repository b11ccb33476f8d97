#!/usr/bin/env node
// Kiểm tra bộ câu hỏi mù faq.jsonl (không dùng mã của bot, chỉ đọc knowledge).
// Dùng: node check.cjs [đường-dẫn-jsonl]   (mặc định faq.jsonl cạnh tệp này)
// KNOWLEDGE_DIR: thư mục knowledge (mặc định ../../main/knowledge).
'use strict';
const fs = require('fs');
const path = require('path');

const KDIR = process.env.KNOWLEDGE_DIR || path.join(__dirname, '..', '..', '..', 'knowledge');
const FILE = process.argv[2] || path.join(__dirname, 'faq.jsonl');
const THRESHOLD = 0.65;
const TARGET = {
  chuan: 14, 'khong-dau': 13, 'viet-tat': 13, 'loi-go': 11, 'dien-dat-khac': 13,
  'gan-dung': 26, 'ngoai-pham-vi': 8, smalltalk: 12,
};
const IN_SCOPE = new Set(['chuan', 'khong-dau', 'viet-tat', 'loi-go', 'dien-dat-khac']);
const NULL_CATS = new Set(['gan-dung', 'ngoai-pham-vi']);

function frontMatter(text) {
  const m = text.match(/^---\r?\n([\s\S]*?)\r?\n---/);
  return m ? m[1] : '';
}
function unquote(s) {
  s = s.trim();
  if ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'"))) s = s.slice(1, -1);
  return s;
}
function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
}
function syllables(s) {
  return new Set(fold(s).split(/[^a-z0-9]+/).filter(Boolean));
}
function jaccard(a, b) {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const uni = a.size + b.size - inter;
  return uni ? inter / uni : 0;
}

// --- đọc knowledge (bỏ qua lexicon.yaml và quiz/) ---
const valid = new Set();
const faqSet = new Set();
const phrasings = []; // {id, text, sy}
const faqDir = path.join(KDIR, 'faq');
for (const f of fs.readdirSync(faqDir).filter((x) => x.endsWith('.md'))) {
  const fm = frontMatter(fs.readFileSync(path.join(faqDir, f), 'utf8'));
  const lines = fm.split(/\r?\n/);
  let id = null; let inQ = false;
  const qs = [];
  for (const line of lines) {
    let m;
    if ((m = line.match(/^id:\s*(.+)$/))) id = unquote(m[1]);
    if ((m = line.match(/^title:\s*(.+)$/))) qs.push(unquote(m[1]));
    if (/^questions:\s*$/.test(line)) { inQ = true; continue; }
    if (inQ) {
      if ((m = line.match(/^\s+-\s+(.+)$/))) { qs.push(unquote(m[1])); continue; }
      inQ = false;
    }
    if ((m = line.match(/^\s*-?\s*ref:\s*(\S+)/))) {
      const parts = unquote(m[1]).split('/');
      for (let i = 1; i <= parts.length; i++) valid.add(parts.slice(0, i).join('/'));
    }
  }
  if (!id) { console.error('FAQ không có id:', f); continue; }
  valid.add(id); faqSet.add(id);
  for (const q of qs) phrasings.push({ id, text: q, sy: syllables(q) });
}
const regDir = path.join(KDIR, 'regulations');
for (const f of fs.readdirSync(regDir).filter((x) => x.endsWith('.md'))) {
  const text = fs.readFileSync(path.join(regDir, f), 'utf8');
  const m = frontMatter(text).match(/^id:\s*(.+)$/m);
  if (!m) continue;
  const rid = unquote(m[1]);
  valid.add(rid);
  for (const a of text.matchAll(/^Điều\s+(\d+)\./gm)) valid.add(`${rid}/dieu-${a[1]}`);
}

// --- kiểm tra tệp ---
let errors = 0; let warnings = 0;
const counts = {};
const used = new Set();
const seen = new Map();
const raw = fs.readFileSync(FILE, 'utf8').split(/\r?\n/);
raw.forEach((line, i) => {
  const n = i + 1;
  if (!line.trim()) return;
  let o;
  try { o = JSON.parse(line); } catch (e) { console.log(`L${n}: JSON lỗi: ${e.message}`); errors++; return; }
  const keys = Object.keys(o).sort().join(',');
  if (keys !== 'category,expect,q') { console.log(`L${n}: khóa phải là q, expect, category (có: ${keys})`); errors++; }
  if (typeof o.q !== 'string' || !o.q.trim()) { console.log(`L${n}: q rỗng`); errors++; return; }
  if (!(o.category in TARGET)) { console.log(`L${n}: category lạ: ${o.category}`); errors++; return; }
  counts[o.category] = (counts[o.category] || 0) + 1;
  const key = fold(o.q).trim();
  if (seen.has(key)) { console.log(`L${n}: trùng câu với L${seen.get(key)}`); errors++; }
  seen.set(key, n);
  if (IN_SCOPE.has(o.category)) {
    if (!Array.isArray(o.expect) || !o.expect.length) { console.log(`L${n}: ${o.category} cần expect là mảng id`); errors++; }
    else for (const id of o.expect) {
      if (!valid.has(id)) { console.log(`L${n}: id không tồn tại: ${id}`); errors++; } else used.add(id);
    }
    const sy = syllables(o.q);
    let best = { j: 0 };
    for (const p of phrasings) { const j = jaccard(sy, p.sy); if (j > best.j) best = { j, p }; }
    if (best.j >= THRESHOLD) {
      console.log(`L${n}: trùng cách hỏi (${best.j.toFixed(2)}) với [${best.p.id}] "${best.p.text}"\n      câu: "${o.q}"`);
      errors++;
    }
  } else if (NULL_CATS.has(o.category)) {
    if (o.expect !== null) { console.log(`L${n}: ${o.category} phải có expect null`); errors++; }
  } else if (o.category === 'smalltalk') {
    if (o.expect !== 'smalltalk') { console.log(`L${n}: smalltalk phải có expect "smalltalk"`); errors++; }
  }
});
let total = 0;
for (const [c, t] of Object.entries(TARGET)) {
  const got = counts[c] || 0; total += got;
  const flag = got === t ? '' : `  (mục tiêu ${t})`;
  if (got !== t) warnings++;
  console.log(`${c.padEnd(14)} ${String(got).padStart(3)}${flag}`);
}
console.log(`tổng           ${String(total).padStart(3)}`);
const usedFaq = [...used].filter((x) => faqSet.has(x));
console.log(`id dùng trong expect: ${used.size}; mục hỏi đáp được phủ: ${usedFaq.length}/${faqSet.size}`);
console.log(`lỗi: ${errors}, cảnh báo số lượng: ${warnings}`);
process.exit(errors ? 1 : 0);
