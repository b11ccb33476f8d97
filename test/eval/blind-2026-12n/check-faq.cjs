'use strict';
// Kiểm tra bộ câu hỏi mù faq.jsonl. Chạy: node check-faq.cjs  (KNOWLEDGE_DIR để đổi thư mục tri thức)
const fs = require('fs');
const path = require('path');
const KDIR = process.env.KNOWLEDGE_DIR || path.join(__dirname, '..', '..', '..', 'knowledge');
const FILE = path.join(__dirname, 'faq.jsonl');
const COUNTS = { 'chuan': 14, 'khong-dau': 13, 'viet-tat': 13, 'loi-go': 11, 'dien-dat-khac': 13,
  'gan-dung': 26, 'ngoai-pham-vi': 8, 'smalltalk': 12 };
const IN_SCOPE = ['chuan', 'khong-dau', 'viet-tat', 'loi-go', 'dien-dat-khac'];
const TOTAL = 110;
const JACCARD_MAX = 0.65;
const errors = [];
const err = (m) => errors.push(m);

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const syl = (s) => new Set(fold(s).split(/[^a-z0-9]+/).filter(Boolean));
function jaccard(a, b) {
  if (!a.size && !b.size) return 0;
  let inter = 0; for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}
function frontMatter(text) {
  const m = text.match(/^---\r?\n([\s\S]*?)\r?\n---/);
  return m ? m[1] : '';
}
const unq = (s) => s.trim().replace(/^(['"])(.*)\1$/, '$2');

// --- tải tri thức ---
const ids = new Set();
const refTexts = []; // {id, text}
const faqDir = path.join(KDIR, 'faq');
for (const f of fs.readdirSync(faqDir).filter((x) => x.endsWith('.md'))) {
  const fm = frontMatter(fs.readFileSync(path.join(faqDir, f), 'utf8'));
  const id = (fm.match(/^id:\s*(.+)$/m) || [])[1];
  if (!id) { err(`faq/${f}: không có id`); continue; }
  const fid = unq(id); ids.add(fid);
  const title = (fm.match(/^title:\s*(.+)$/m) || [])[1];
  if (title) refTexts.push({ id: fid, text: unq(title) });
  const lines = fm.split(/\r?\n/);
  let inQ = false;
  for (const ln of lines) {
    if (/^questions:\s*$/.test(ln)) { inQ = true; continue; }
    if (inQ) {
      const m = ln.match(/^\s+-\s+(.*)$/);
      if (m) refTexts.push({ id: fid, text: unq(m[1]) });
      else if (/^\S/.test(ln)) inQ = false;
    }
  }
}
const regDir = path.join(KDIR, 'regulations');
if (fs.existsSync(regDir)) {
  for (const f of fs.readdirSync(regDir).filter((x) => x.endsWith('.md'))) {
    const text = fs.readFileSync(path.join(regDir, f), 'utf8');
    const id = (frontMatter(text).match(/^id:\s*(.+)$/m) || [])[1];
    if (!id) continue;
    const rid = unq(id); ids.add(rid);
    for (const m of text.matchAll(/^Điều (\d+)\./gm)) ids.add(`${rid}/dieu-${m[1]}`);
  }
}

// --- đọc bộ câu hỏi ---
const raw = fs.readFileSync(FILE, 'utf8').split(/\r?\n/);
if (raw[raw.length - 1] === '') raw.pop();
const rows = [];
raw.forEach((line, i) => {
  const n = i + 1;
  let o;
  try { o = JSON.parse(line); } catch (e) { err(`dòng ${n}: không phải JSON`); return; }
  if (!o || typeof o !== 'object' || Array.isArray(o)) { err(`dòng ${n}: không phải object`); return; }
  const keys = Object.keys(o).sort().join(',');
  if (keys !== 'category,expect,q') err(`dòng ${n}: khóa phải đúng q, expect, category (có: ${keys})`);
  if (typeof o.q !== 'string' || !o.q.trim()) err(`dòng ${n}: q rỗng`);
  if (!(o.category in COUNTS)) { err(`dòng ${n}: category không hợp lệ: ${o.category}`); return; }
  rows.push({ n, ...o });
});
if (raw.length !== TOTAL) err(`số dòng ${raw.length}, cần ${TOTAL}`);

const cnt = {};
for (const r of rows) cnt[r.category] = (cnt[r.category] || 0) + 1;
for (const [c, k] of Object.entries(COUNTS)) if ((cnt[c] || 0) !== k) err(`category ${c}: ${cnt[c] || 0} câu, cần ${k}`);

const seen = new Map();
const usedIds = new Set();
for (const r of rows) {
  const { n, q, expect, category } = r;
  if (typeof q !== 'string') continue;
  const key = fold(q).replace(/\s+/g, ' ').trim();
  if (seen.has(key)) err(`dòng ${n}: trùng câu với dòng ${seen.get(key)}`); else seen.set(key, n);
  if (IN_SCOPE.includes(category)) {
    if (!Array.isArray(expect) || expect.length < 1 || expect.length > 2) err(`dòng ${n}: expect phải là mảng 1-2 id`);
    else for (const id of expect) {
      if (typeof id !== 'string' || !ids.has(id)) err(`dòng ${n}: id không tồn tại: ${id}`);
      else usedIds.add(id);
    }
    const s = syl(q);
    let best = { j: 0 };
    for (const t of refTexts) { const j = jaccard(s, syl(t.text)); if (j > best.j) best = { j, t }; }
    if (best.j >= JACCARD_MAX) err(`dòng ${n}: quá giống (${best.j.toFixed(2)}) với "${best.t.text}" [${best.t.id}]`);
  } else if (category === 'smalltalk') {
    if (expect !== 'smalltalk') err(`dòng ${n}: smalltalk phải có expect "smalltalk"`);
  } else if (expect !== null) err(`dòng ${n}: ${category} phải có expect null`);
  if (category === 'khong-dau' && /[^\x00-\x7f]/.test(q)) err(`dòng ${n}: khong-dau có ký tự ngoài ASCII`);
}

console.log(`Tri thức: ${KDIR} (${ids.size} id, ${refTexts.length} tiêu đề/câu hỏi mẫu)`);
console.log(`Số câu: ${rows.length}; theo nhóm: ${JSON.stringify(cnt)}; số mục FAQ khác nhau được dùng: ${usedIds.size}`);
if (errors.length) { errors.forEach((e) => console.log('LỖI ' + e)); console.log(`${errors.length} lỗi`); process.exit(1); }
console.log('0 lỗi');
