// Kiểm tra bộ câu hỏi mù 2026-12h (FAQ). Chỉ đọc knowledge/faq, knowledge/regulations; không import mã nguồn bot.
// Dùng: node check.cjs [đường-dẫn-faq.jsonl] [--show N]
const fs = require('fs');
const path = require('path');
const KB = process.env.KB || require('path').join(__dirname, '../../../knowledge');
const file = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : path.join(__dirname, 'faq.jsonl');
const LIMIT = 0.65;
const CATS = { chuan: 16, 'khong-dau': 16, 'viet-tat': 16, 'loi-go': 14, 'dien-dat-khac': 16, 'gan-dung': 30, 'ngoai-pham-vi': 10, smalltalk: 12 };
const NULL_CATS = new Set(['gan-dung', 'ngoai-pham-vi']);

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
const syl = (s) => new Set(fold(s).split(/[^a-z0-9]+/).filter(Boolean));
const jac = (a, b) => { let i = 0; for (const x of a) if (b.has(x)) i++; const u = a.size + b.size - i; return u ? i / u : 0; };

// --- FAQ: id, title, questions (front matter YAML đơn giản) ---
const faq = new Map();
const refs = [];
for (const f of fs.readdirSync(path.join(KB, 'faq')).filter((f) => f.endsWith('.md'))) {
  const txt = fs.readFileSync(path.join(KB, 'faq', f), 'utf8');
  const fm = txt.split(/^---$/m)[1] || '';
  const id = (fm.match(/^id:\s*(.+)$/m) || [])[1]?.trim();
  const title = (fm.match(/^title:\s*(.+)$/m) || [])[1]?.trim() || '';
  const qs = [];
  let inQ = false;
  for (const line of fm.split('\n')) {
    if (/^questions:/.test(line)) { inQ = true; continue; }
    if (/^\S/.test(line)) inQ = false;
    if (inQ) { const m = line.match(/^\s+-\s+(.*)$/); if (m) qs.push(m[1].trim()); }
    const r = line.match(/^\s+-\s+ref:\s*(\S+)/); if (r) refs.push([id, r[1]]);
  }
  if (!id) { console.error('FAQ không có id:', f); continue; }
  faq.set(id, { title, qs });
}
// --- Văn bản: <id>/dieu-N và <id>/muc-<slug> ---
const passages = new Set(faq.keys());
const regIds = new Set();
for (const f of fs.readdirSync(path.join(KB, 'regulations')).filter((f) => f.endsWith('.md'))) {
  const txt = fs.readFileSync(path.join(KB, 'regulations', f), 'utf8');
  const fm = txt.split(/^---$/m)[1] || '';
  const id = (fm.match(/^id:\s*(.+)$/m) || [])[1]?.trim();
  regIds.add(id);
  for (const m of txt.matchAll(/^Điều (\d+)\./gm)) passages.add(`${id}/dieu-${m[1]}`);
  for (const m of txt.matchAll(/^## (.+)$/gm)) passages.add(`${id}/muc-${fold(m[1]).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`);
}
// tự kiểm tra cách đặt mã: mọi ref trong FAQ phải khớp (bỏ khoản)
let errors = 0;
for (const [from, r] of refs) {
  const art = r.replace(/\/khoan-\d+$/, '');
  if (!passages.has(art) && !regIds.has(art)) { console.error(`(tự kiểm tra) ref ${r} của ${from} không khớp mã đoạn nào`); errors++; }
}

// --- Đọc bộ câu hỏi ---
const lines = fs.readFileSync(file, 'utf8').split('\n');
const counts = {};
const seen = new Map();
const used = new Map();
let n = 0;
const show = process.argv.includes('--show') ? Number(process.argv[process.argv.indexOf('--show') + 1]) : 0;
const near = [];
lines.forEach((line, i) => {
  if (!line.trim()) return;
  let o;
  try { o = JSON.parse(line); } catch (e) { console.error(`dòng ${i + 1}: JSON lỗi: ${e.message}`); errors++; return; }
  n++;
  const where = `dòng ${i + 1}`;
  if (typeof o.q !== 'string' || !o.q.trim()) { console.error(`${where}: thiếu q`); errors++; return; }
  if (!(o.category in CATS)) { console.error(`${where}: category lạ ${o.category}`); errors++; }
  counts[o.category] = (counts[o.category] || 0) + 1;
  const k = fold(o.q).replace(/\s+/g, ' ').trim();
  if (seen.has(k)) { console.error(`${where}: trùng câu ở dòng ${seen.get(k)}`); errors++; } else seen.set(k, i + 1);
  const keys = Object.keys(o).filter((x) => !['q', 'expect', 'category'].includes(x));
  if (keys.length) { console.error(`${where}: trường thừa ${keys}`); errors++; }
  if (NULL_CATS.has(o.category)) { if (o.expect !== null) { console.error(`${where}: ${o.category} phải có expect null`); errors++; } }
  else if (o.category === 'smalltalk') { if (o.expect !== 'smalltalk') { console.error(`${where}: smalltalk phải có expect "smalltalk"`); errors++; } }
  else {
    if (!Array.isArray(o.expect) || !o.expect.length) { console.error(`${where}: expect phải là mảng mã đoạn`); errors++; }
    else {
      for (const id of o.expect) if (!passages.has(id)) { console.error(`${where}: mã không tồn tại: ${id}`); errors++; }
      if (new Set(o.expect).size !== o.expect.length) { console.error(`${where}: expect có mã trùng`); errors++; }
      const first = o.expect[0]; used.set(first, (used.get(first) || 0) + 1);
    }
  }
  if (o.category === 'khong-dau' && fold(o.q) !== o.q.toLowerCase()) { console.error(`${where}: khong-dau nhưng có dấu`); errors++; }
  // chồng lấn với tiêu đề và cách hỏi (mọi câu trong phạm vi và gần đúng)
  if (o.category !== 'smalltalk') {
    const a = syl(o.q);
    let best = [0, '', ''];
    for (const [id, e] of faq) for (const t of [e.title, ...e.qs]) { const j = jac(a, syl(t)); if (j > best[0]) best = [j, id, t]; }
    if (best[0] >= LIMIT) { console.error(`${where}: chồng lấn ${best[0].toFixed(2)} với "${best[2]}" (${best[1]}): ${o.q}`); errors++; }
    near.push([best[0], i + 1, o.q, best[2]]);
  }
});
for (const [c, want] of Object.entries(CATS)) if ((counts[c] || 0) !== want) console.warn(`cảnh báo: ${c} có ${counts[c] || 0}, kế hoạch ${want}`);
console.log(`Tổng ${n} câu; theo loại:`, JSON.stringify(counts));
console.log(`Mục FAQ là đích chính (phần tử đầu của expect): ${used.size}/${faq.size}; không có câu nào nhắm tới: ${[...faq.keys()].filter((k) => !used.has(k)).join(', ') || '(không)'}`);
if (show) { near.sort((x, y) => y[0] - x[0]); for (const [j, ln, q, t] of near.slice(0, show)) console.log(`${j.toFixed(2)} dòng ${ln}: ${q}  <->  ${t}`); }
console.log(`${errors} lỗi`);
process.exit(errors ? 1 : 0);
