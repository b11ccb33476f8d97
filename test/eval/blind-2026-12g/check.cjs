// Kiểm tra bộ câu hỏi mù: node check.cjs <đường dẫn knowledge> [tệp jsonl]
'use strict';
const fs = require('fs');
const path = require('path');

const kb = process.argv[2];
const file = process.argv[3] || path.join(__dirname, 'faq.jsonl');
if (!kb) { console.error('cách dùng: node check.cjs <knowledge> [faq.jsonl]'); process.exit(2); }

const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
  .replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const sylls = s => new Set(fold(s).split(/[^a-z0-9]+/).filter(Boolean));
const jaccard = (a, b) => { let i = 0; for (const x of a) if (b.has(x)) i++; const u = a.size + b.size - i; return u ? i / u : 0; };

function frontMatter(text) {
  const m = text.match(/^---\n([\s\S]*?)\n---/);
  return m ? m[1] : '';
}

// FAQ: id, title, questions, refs
const ids = new Set();
const phrasings = []; // {id, text}
const faqRefs = new Set();
const faqDir = path.join(kb, 'faq');
for (const f of fs.readdirSync(faqDir).filter(f => f.endsWith('.md'))) {
  const fm = frontMatter(fs.readFileSync(path.join(faqDir, f), 'utf8'));
  const id = (fm.match(/^id:\s*(.+)$/m) || [])[1];
  if (!id) { console.error('thiếu id:', f); continue; }
  ids.add(id.trim());
  const title = (fm.match(/^title:\s*(.+)$/m) || [])[1];
  if (title) phrasings.push({ id: id.trim(), text: title.trim(), kind: 'title' });
  let inQ = false;
  for (const line of fm.split('\n')) {
    if (/^questions:/.test(line)) { inQ = true; continue; }
    if (/^\S/.test(line)) inQ = false;
    if (inQ) { const q = line.match(/^\s+-\s+(.+)$/); if (q) phrasings.push({ id: id.trim(), text: q[1].replace(/^["']|["']$/g, ''), kind: 'question' }); }
    const r = line.match(/^\s+-\s+ref:\s*(\S+)/); if (r) faqRefs.add(r[1]);
  }
}

// Văn bản: id điều (Điều N) và id mục mà FAQ trích
const regDir = path.join(kb, 'regulations');
const regIds = new Set();
for (const f of fs.readdirSync(regDir).filter(f => f.endsWith('.md'))) {
  const text = fs.readFileSync(path.join(regDir, f), 'utf8');
  const docId = (frontMatter(text).match(/^id:\s*(.+)$/m) || [])[1].trim();
  regIds.add(docId);
  for (const m of text.matchAll(/^Điều (\d+)\.\s*(.+)$/gm)) {
    const aid = `${docId}/dieu-${m[1]}`;
    ids.add(aid);
    phrasings.push({ id: aid, text: m[2].trim(), kind: 'article-title' });
  }
}
for (const r of faqRefs) {
  const art = r.replace(/\/(khoan|diem)-.*$/, '');
  const doc = art.split('/')[0];
  if (art.includes('/') && regIds.has(doc) && !/\/dieu-/.test(art)) ids.add(art); // mục của qd-1718
}

const CATS = new Set(['chuan', 'khong-dau', 'viet-tat', 'loi-go', 'dien-dat-khac', 'gan-dung', 'ngoai-pham-vi', 'smalltalk']);
const lines = fs.readFileSync(file, 'utf8').split('\n');
let errors = 0, n = 0; const counts = {}; const seen = new Set(); const used = new Set();
const flagged = [];
lines.forEach((line, i) => {
  if (!line.trim()) return;
  n++;
  let o; try { o = JSON.parse(line); } catch (e) { console.log(`dòng ${i + 1}: JSON hỏng: ${e.message}`); errors++; return; }
  const where = `dòng ${i + 1}`;
  if (typeof o.q !== 'string' || !o.q.trim()) { console.log(`${where}: thiếu q`); errors++; }
  if (!CATS.has(o.category)) { console.log(`${where}: category lạ ${o.category}`); errors++; }
  counts[o.category] = (counts[o.category] || 0) + 1;
  if (seen.has(o.q)) { console.log(`${where}: câu trùng`); errors++; } seen.add(o.q);
  const inScope = Array.isArray(o.expect);
  if (o.category === 'smalltalk' && o.expect !== 'smalltalk') { console.log(`${where}: smalltalk phải có expect "smalltalk"`); errors++; }
  if ((o.category === 'gan-dung' || o.category === 'ngoai-pham-vi') && o.expect !== null) { console.log(`${where}: ${o.category} phải có expect null`); errors++; }
  if (!inScope && o.expect !== null && o.expect !== 'smalltalk') { console.log(`${where}: expect sai kiểu`); errors++; }
  if (inScope) {
    if (!o.expect.length) { console.log(`${where}: expect rỗng`); errors++; }
    for (const id of o.expect) {
      if (/\/khoan-|\/diem-/.test(id)) { console.log(`${where}: id khoản/điểm không dùng: ${id}`); errors++; }
      else if (!ids.has(id)) { console.log(`${where}: id không có trong kho: ${id}`); errors++; }
      else used.add(id);
    }
  }
  if (o.category !== 'smalltalk') {
    const qs = sylls(o.q); let best = { j: 0 };
    for (const p of phrasings) { const j = jaccard(qs, sylls(p.text)); if (j > best.j) best = { j, p }; }
    o._best = best;
    if (inScope && best.j >= 0.65) { flagged.push(`${where} (${best.j.toFixed(2)}): "${o.q}" ~ [${best.p.id}] "${best.p.text}"`); errors++; }
    if (process.env.VERBOSE) console.log(`${best.j.toFixed(2)}\t${o.category}\t${o.q}\t~ ${best.p ? best.p.text : ''}`);
  }
});
for (const f of flagged) console.log('QUÁ GIỐNG KHO: ' + f);
const faqUsed = [...used].filter(id => !id.includes('/')).length;
console.log(`kho: ${ids.size} id (${phrasings.length} tiêu đề/cách hỏi); bộ câu: ${n} dòng; mục FAQ khác nhau được dùng: ${faqUsed}`);
console.log('số câu theo loại:', JSON.stringify(counts));
console.log(errors ? `LỖI: ${errors}` : 'OK: không lỗi');
process.exit(errors ? 1 : 0);
