// Kiểm tra faq.jsonl của bộ mù 2026-12e (chạy: node check.js). Chỉ đọc knowledge/faq và knowledge/regulations.
// 1) JSON.parse từng dòng; 2) id trong expect có tồn tại; 3) Jaccard âm tiết (bỏ dấu) với tiêu đề và cách hỏi.
const fs = require('fs');
const path = require('path');
const KB = path.resolve(__dirname, '../../../knowledge');
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
const syl = (s) => new Set(fold(s).split(/[^a-z0-9%]+/).filter(Boolean));
const jac = (a, b) => { let i = 0; for (const x of a) if (b.has(x)) i++; return i / (a.size + b.size - i || 1); };

// FAQ entries: id, title, questions
const entries = [];
for (const f of fs.readdirSync(KB + '/faq')) {
  const t = fs.readFileSync(path.join(KB, 'faq', f), 'utf8');
  const fm = t.split('---')[1];
  const id = fm.match(/^id:\s*(\S+)/m)[1];
  const title = fm.match(/^title:\s*(.+)$/m)[1];
  const qs = [];
  const qb = fm.split(/^questions:\s*$/m)[1].split(/^source:/m)[0];
  for (const line of qb.split('\n')) { const m = line.match(/^\s+-\s+(.+)$/); if (m) qs.push(m[1]); }
  entries.push({ id, texts: [title, ...qs] });
}
const ids = new Set(entries.map((e) => e.id));
// regulation unit ids
const reg = (f, docId) => {
  const t = fs.readFileSync(path.join(KB, 'regulations', f), 'utf8');
  for (const m of t.matchAll(/^Điều (\d+)\./gm)) {
    const n = m[1]; ids.add(`${docId}/dieu-${n}`);
    // khoản: numbered lines after this article until next Điều
    const rest = t.slice(m.index + m[0].length).split(/^Điều \d+\./m)[0];
    for (const k of rest.matchAll(/^(\d+)\. /gm)) ids.add(`${docId}/dieu-${n}/khoan-${k[1]}`);
  }
  const slug = { 'Mục tiêu': 'muc-muc-tieu', 'Yêu cầu': 'muc-yeu-cau', 'Nhiệm vụ': 'muc-nhiem-vu', 'Giải pháp': 'muc-giai-phap' };
  for (const m of t.matchAll(/^## (.+)$/gm)) ids.add(`${docId}/${slug[m[1].trim()] || '??' + m[1]}`);
};
reg('qd-129-2007-quy-che-van-hoa-cong-so.md', 'qd-129-2007');
reg('qd-1718-2023-khanh-hoa-de-an-cchc.md', 'qd-1718-2023-khanh-hoa');

const lines = fs.readFileSync(__dirname + '/faq.jsonl', 'utf8').split('\n').filter((l) => l.length);
let errors = 0, bad = 0, over = 0;
const cover = new Map([...entries].map((e) => [e.id, 0]));
const cats = {};
const seen = new Set();
lines.forEach((l, i) => {
  let o;
  try { o = JSON.parse(l); } catch (e) { errors++; console.log('PARSE', i + 1, e.message); return; }
  cats[o.category] = (cats[o.category] || 0) + 1;
  if (seen.has(o.q)) console.log('DUP', o.q); seen.add(o.q);
  if (Array.isArray(o.expect)) {
    for (const id of o.expect) { if (!ids.has(id)) { bad++; console.log('NOID', i + 1, id); } if (cover.has(id)) cover.set(id, cover.get(id) + 1); }
    const qs = syl(o.q);
    let best = 0, where = '';
    for (const e of entries) for (const t of e.texts) { const j = jac(qs, syl(t)); if (j > best) { best = j; where = e.id + ' :: ' + t; } }
    if (best >= 0.65) { over++; console.log('OVERLAP', best.toFixed(2), i + 1, o.q, '<>', where); }
    else if (best >= 0.5) console.log('near', best.toFixed(2), i + 1, o.q, '<>', where);
  }
});
console.log({ lines: lines.length, parseErrors: errors, unknownIds: bad, overlaps: over, cats });
console.log('entries never expected:', [...cover].filter(([, n]) => n === 0).map(([k]) => k));
