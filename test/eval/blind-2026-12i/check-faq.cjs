#!/usr/bin/env node
// Kiểm tra bộ câu hỏi mù 2026-12i (FAQ).
// Dùng: node check.cjs [--verbose]
// Đường dẫn kho: biến môi trường KNOWLEDGE_DIR, mặc định knowledge/ của kho mã (ba cấp trên thư mục của tệp này).
'use strict';
const fs = require('fs');
const path = require('path');

const KNOWLEDGE = process.env.KNOWLEDGE_DIR || path.join(__dirname, '..', '..', '..', 'knowledge');
const SET = process.env.SET_FILE || path.join(__dirname, 'faq.jsonl');
const VERBOSE = process.argv.includes('--verbose');
const LIMIT = 0.65;

const TARGET = {
  chuan: 18, 'khong-dau': 16, 'viet-tat': 16, 'loi-go': 14, 'dien-dat-khac': 14,
  'gan-dung': 30, 'ngoai-pham-vi': 10, smalltalk: 12,
};
const IN_SCOPE = new Set(['chuan', 'khong-dau', 'viet-tat', 'loi-go', 'dien-dat-khac']);
const NULL_CATS = new Set(['gan-dung', 'ngoai-pham-vi']);

function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
function syllables(s) {
  return new Set(fold(s).split(/[^a-z0-9]+/).filter(Boolean));
}
function jaccard(a, b) {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union ? inter / union : 0;
}
function slug(s) {
  return fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
function frontMatter(text) {
  const lines = text.split(/\r?\n/);
  if (lines[0] !== '---') return { fm: [], body: lines };
  const end = lines.indexOf('---', 1);
  return { fm: lines.slice(1, end), body: lines.slice(end + 1) };
}
function unquote(v) {
  v = v.trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
  return v;
}

// ---- kho tri thức ----
const ids = new Set();
const phrasings = []; // {id, kind, text, set}
const faqDir = path.join(KNOWLEDGE, 'faq');
for (const f of fs.readdirSync(faqDir).filter((x) => x.endsWith('.md')).sort()) {
  const { fm } = frontMatter(fs.readFileSync(path.join(faqDir, f), 'utf8'));
  let id = null, title = null, inQ = false;
  const qs = [];
  for (const line of fm) {
    let m;
    if ((m = line.match(/^id:\s*(.+)$/))) { id = unquote(m[1]); inQ = false; continue; }
    if ((m = line.match(/^title:\s*(.+)$/))) { title = unquote(m[1]); inQ = false; continue; }
    if (/^questions:\s*$/.test(line)) { inQ = true; continue; }
    if (inQ && (m = line.match(/^\s+-\s+(.+)$/))) { qs.push(unquote(m[1])); continue; }
    if (/^\S/.test(line)) inQ = false;
  }
  if (!id) { console.error(`cảnh báo: ${f} không có id`); continue; }
  ids.add(id);
  if (title) phrasings.push({ id, kind: 'title', text: title, set: syllables(title) });
  for (const q of qs) phrasings.push({ id, kind: 'q', text: q, set: syllables(q) });
}
const regDir = path.join(KNOWLEDGE, 'regulations');
for (const f of fs.readdirSync(regDir).filter((x) => x.endsWith('.md')).sort()) {
  const { fm, body } = frontMatter(fs.readFileSync(path.join(regDir, f), 'utf8'));
  const idLine = fm.find((l) => /^id:/.test(l));
  if (!idLine) continue;
  const rid = unquote(idLine.replace(/^id:/, ''));
  ids.add(rid);
  for (const line of body) {
    let m;
    if ((m = line.match(/^Điều\s+(\d+)\./))) ids.add(`${rid}/dieu-${m[1]}`);
    if ((m = line.match(/^##\s+(.+)$/))) ids.add(`${rid}/muc-${slug(m[1])}`);
  }
}

// ---- bộ câu hỏi ----
const errors = [];
const warnings = [];
const counts = {};
const seen = new Map();
const lines = fs.readFileSync(SET, 'utf8').split(/\r?\n/);
const overlapReport = [];
lines.forEach((raw, i) => {
  const n = i + 1;
  if (!raw.trim()) return;
  let o;
  try { o = JSON.parse(raw); } catch (e) { errors.push(`dòng ${n}: JSON hỏng (${e.message})`); return; }
  if (typeof o.q !== 'string' || !o.q.trim()) errors.push(`dòng ${n}: thiếu q`);
  if (!(o.category in TARGET)) errors.push(`dòng ${n}: category lạ "${o.category}"`);
  counts[o.category] = (counts[o.category] || 0) + 1;
  const key = fold(o.q || '').trim();
  if (seen.has(key)) errors.push(`dòng ${n}: trùng câu dòng ${seen.get(key)}`);
  seen.set(key, n);
  if (IN_SCOPE.has(o.category)) {
    if (!Array.isArray(o.expect) || o.expect.length === 0) errors.push(`dòng ${n}: câu trong phạm vi phải có expect là mảng`);
    else for (const id of o.expect) if (!ids.has(id)) errors.push(`dòng ${n}: expect "${id}" không có trong kho`);
  } else if (NULL_CATS.has(o.category)) {
    if (o.expect !== null) errors.push(`dòng ${n}: ${o.category} phải có expect null`);
  } else if (o.category === 'smalltalk') {
    if (o.expect !== 'smalltalk') errors.push(`dòng ${n}: smalltalk phải có expect "smalltalk"`);
  }
  if (o.category === 'smalltalk' || typeof o.q !== 'string') return;
  const qs = syllables(o.q);
  let best = { j: 0 };
  for (const p of phrasings) {
    const j = jaccard(qs, p.set);
    if (j > best.j) best = { j, p };
  }
  overlapReport.push({ n, cat: o.category, q: o.q, best });
  if (best.j >= LIMIT) {
    const msg = `dòng ${n} (${o.category}): trùng ${best.j.toFixed(2)} với ${best.p.kind} của ${best.p.id}: "${best.p.text}"`;
    if (IN_SCOPE.has(o.category)) errors.push(msg); else warnings.push(msg);
  }
});

// độ phủ mục hỏi đáp
const faqIds = [...new Set(phrasings.map((p) => p.id))];
const primaries = new Set();
const anyExpect = new Set();
for (const raw of lines) {
  if (!raw.trim()) continue;
  try {
    const o = JSON.parse(raw);
    if (Array.isArray(o.expect)) { primaries.add(o.expect[0]); o.expect.forEach((x) => anyExpect.add(x)); }
  } catch { /* đã báo */ }
}

console.log(`Kho: ${KNOWLEDGE}`);
console.log(`Mã hợp lệ: ${ids.size} (${faqIds.length} mục hỏi đáp), cách hỏi + tiêu đề: ${phrasings.length}`);
console.log('Số câu theo loại (có / cần):');
let total = 0;
for (const c of Object.keys(TARGET)) {
  const have = counts[c] || 0; total += have;
  const mark = have === TARGET[c] ? '' : '  <-- lệch';
  console.log(`  ${c.padEnd(14)} ${String(have).padStart(3)} / ${TARGET[c]}${mark}`);
}
console.log(`  tổng           ${total}`);
console.log(`Mục hỏi đáp là đích chính: ${[...primaries].filter((x) => faqIds.includes(x)).length}/${faqIds.length}; có trong expect: ${faqIds.filter((x) => anyExpect.has(x)).length}/${faqIds.length}`);
if (VERBOSE) {
  console.log('Mục hỏi đáp không có trong expect nào: ' + faqIds.filter((x) => !anyExpect.has(x)).join(', '));
  console.log('Độ trùng cao nhất mỗi câu (giảm dần):');
  for (const r of overlapReport.sort((a, b) => b.best.j - a.best.j).slice(0, 25)) {
    console.log(`  ${r.best.j.toFixed(2)} dòng ${r.n} [${r.cat}] ${r.q}\n        ~ ${r.best.p ? r.best.p.id + ': ' + r.best.p.text : '-'}`);
  }
}
for (const w of warnings) console.log('CẢNH BÁO: ' + w);
for (const e of errors) console.log('LỖI: ' + e);
console.log(`${errors.length} lỗi, ${warnings.length} cảnh báo`);
process.exit(errors.length ? 1 : 0);
