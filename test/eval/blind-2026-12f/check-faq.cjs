// Kiểm tra bộ câu hỏi mù: JSON hợp lệ, id trong expect có thật, câu trong phạm vi không trùng lời kho (Jaccard âm tiết < 0,65).
// Dùng: node check.cjs /work/main/knowledge [faq.jsonl]
'use strict';
const fs = require('fs');
const path = require('path');
const kb = process.argv[2];
if (!kb) { console.error('Cần đường dẫn thư mục knowledge'); process.exit(2); }
const setFile = process.argv[3] || path.resolve(__dirname, 'faq.jsonl');
const LIMIT = 0.65;

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
const sylls = (s) => new Set(fold(s).split(/[^a-z0-9]+/).filter(Boolean));
const jacc = (a, b) => { let i = 0; for (const x of a) if (b.has(x)) i++; const u = a.size + b.size - i; return u ? i / u : 0; };
const unq = (s) => s.trim().replace(/^["']|["']$/g, '');

// Mục hỏi đáp: id, tiêu đề, cách hỏi
const entries = [];
const ids = new Set();
for (const f of fs.readdirSync(path.join(kb, 'faq')).filter((f) => f.endsWith('.md'))) {
  const text = fs.readFileSync(path.join(kb, 'faq', f), 'utf8');
  const fm = text.split(/^---\s*$/m)[1] || '';
  let id = null, title = null; const qs = []; let inQ = false;
  for (const line of fm.split('\n')) {
    let m;
    if ((m = line.match(/^id:\s*(.+)$/))) id = unq(m[1]);
    if ((m = line.match(/^title:\s*(.+)$/))) title = unq(m[1]);
    if (/^questions:/.test(line)) { inQ = true; continue; }
    if (inQ && (m = line.match(/^\s+-\s+(.+)$/))) { qs.push(unq(m[1])); continue; }
    if (inQ && /^\S/.test(line)) inQ = false;
  }
  if (!id) { console.error('Không đọc được id: ' + f); process.exit(2); }
  ids.add(id);
  entries.push({ id, texts: [title, ...qs].filter(Boolean).map((t) => ({ t, s: sylls(t) })) });
}
// Điều / đề mục của văn bản
for (const f of fs.readdirSync(path.join(kb, 'regulations')).filter((f) => f.endsWith('.md'))) {
  const text = fs.readFileSync(path.join(kb, 'regulations', f), 'utf8');
  const m = text.match(/^id:\s*(.+)$/m); if (!m) continue;
  const rid = unq(m[1]); ids.add(rid);
  for (const d of text.matchAll(/^Điều (\d+)\./gm)) ids.add(`${rid}/dieu-${d[1]}`);
  for (const h of text.matchAll(/^##\s+(.+)$/gm)) ids.add(`${rid}/muc-${fold(h[1]).trim().replace(/[^a-z0-9]+/g, '-')}`);
}

const SCOPE_OUT = new Set(['gan-dung', 'ngoai-pham-vi', 'smalltalk']);
let errors = 0, n = 0; const counts = {}; const worst = [];
const lines = fs.readFileSync(setFile, 'utf8').split('\n');
lines.forEach((line, i) => {
  if (!line.trim()) return;
  let o; try { o = JSON.parse(line); } catch (e) { console.log(`dòng ${i + 1}: JSON lỗi: ${e.message}`); errors++; return; }
  n++;
  if (typeof o.q !== 'string' || !o.q.trim() || typeof o.category !== 'string') { console.log(`dòng ${i + 1}: thiếu q/category`); errors++; return; }
  counts[o.category] = (counts[o.category] || 0) + 1;
  const out = SCOPE_OUT.has(o.category);
  if (o.category === 'smalltalk' ? o.expect !== 'smalltalk' : out ? o.expect !== null : !Array.isArray(o.expect) || !o.expect.length) {
    console.log(`dòng ${i + 1}: expect không khớp loại ${o.category}`); errors++;
  }
  if (Array.isArray(o.expect)) for (const id of o.expect) if (!ids.has(id)) { console.log(`dòng ${i + 1}: id không có: ${id}`); errors++; }
  if (out) return;
  const qs = sylls(o.q); let best = { j: 0 };
  for (const e of entries) for (const t of e.texts) { const j = jacc(qs, t.s); if (j > best.j) best = { j, id: e.id, t: t.t }; }
  worst.push({ line: i + 1, q: o.q, ...best });
  if (best.j >= LIMIT) { console.log(`dòng ${i + 1}: trùng lời kho ${best.j.toFixed(2)} với [${best.id}] "${best.t}"`); errors++; }
});
worst.sort((a, b) => b.j - a.j);
console.log('Cao nhất:'); for (const w of worst.slice(0, 8)) console.log(`  ${w.j.toFixed(2)} dòng ${w.line} [${w.id}] "${w.q}" ~ "${w.t}"`);
console.log(`${n} dòng; ${JSON.stringify(counts)}; ${errors} lỗi`);
process.exit(errors ? 1 : 0);
