// Kiểm tra bộ 2026-12e: cấu trúc documents/hien-phap-2013.md và từng dòng documents.jsonl.
// Chạy: node kiem-tra.js (từ bất kỳ thư mục nào). Không dùng mã nguồn của bot.
const fs = require('fs');
const path = require('path');
const dir = __dirname;
let errs = 0;
const err = (...a) => { errs++; console.log('LỖI:', ...a); };

const doc = fs.readFileSync(path.join(dir, 'documents', 'hien-phap-2013.md'), 'utf8');
const m = doc.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
if (!m) { err('không có phần đầu YAML'); process.exit(1); }
const fm = m[1];
for (const k of ['id: hien-phap-2013', 'type: Hiến pháp', 'date: 28/11/2013', 'issuer: Quốc hội', 'title: ']) {
  if (!fm.split('\n').some(l => l.startsWith(k))) err('phần đầu thiếu', k);
}
if (/^number:/m.test(fm)) err('Hiến pháp không có số hiệu, không được ghi number');
if (/^summary:/m.test(fm)) err('toàn văn, không được ghi summary');
const arts = []; const chaps = []; let cur = null;
for (const l of m[2].split('\n')) {
  const a = l.match(/^Điều (\d+)\.(.*)$/);
  if (a) { if (a[2].trim()) err('điều có tiêu đề?', l); cur = { n: +a[1], clauses: [], text: '' }; arts.push(cur); continue; }
  const c = l.match(/^Chương ([IVX]+)\.$/);
  if (c) { chaps.push(c[1]); cur = null; continue; }
  if (l !== l.trim()) err('khoảng trắng thừa:', JSON.stringify(l.slice(0, 40)));
  if (cur) { cur.text += l + '\n'; const k = l.match(/^(\d+)\. /); if (k) cur.clauses.push(+k[1]); }
}
const nums = arts.map(a => a.n);
for (let i = 1; i <= 120; i++) { const c = nums.filter(x => x === i).length; if (c !== 1) err('Điều', i, 'xuất hiện', c, 'lần'); }
if (nums.length !== 120) err('số điều', nums.length);
nums.forEach((n, i) => { if (i && n !== nums[i - 1] + 1) err('thứ tự điều', nums[i - 1], '->', n); });
for (const a of arts) a.clauses.forEach((k, i) => { if (k !== i + 1) err('thứ tự khoản ở Điều', a.n, a.clauses.join(',')); });
const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI'];
if (chaps.join() !== roman.join()) err('chương', chaps.join());
for (const a of arts) if (!a.text.trim()) err('Điều', a.n, 'rỗng');
console.log(`Văn bản: ${chaps.length} chương, ${arts.length} điều (Điều ${nums[0]}..${nums[nums.length - 1]}), ${arts.reduce((s, a) => s + a.clauses.length, 0)} khoản đánh số`);

const byId = new Map(arts.map(a => ['hien-phap-2013/dieu-' + a.n, a]));
const lines = fs.readFileSync(path.join(dir, 'documents.jsonl'), 'utf8').split('\n').filter(l => l.trim());
const cats = {}; const seen = new Set();
lines.forEach((l, i) => {
  let o;
  try { o = JSON.parse(l); } catch (e) { err('dòng', i + 1, 'JSON hỏng:', e.message); return; }
  if (typeof o.q !== 'string' || !o.q.trim()) err('dòng', i + 1, 'thiếu q');
  if (typeof o.category !== 'string') err('dòng', i + 1, 'thiếu category');
  if (!(o.expect === null || (Array.isArray(o.expect) && o.expect.length))) err('dòng', i + 1, 'expect phải là mảng khác rỗng hoặc null');
  if (Array.isArray(o.expect)) for (const id of o.expect) if (!byId.has(id)) err('dòng', i + 1, 'mã không có trong văn bản:', id);
  if ((o.category === 'gan-dung' || o.category === 'ngoai-pham-vi') && o.expect !== null) err('dòng', i + 1, o.category, 'phải có expect null');
  if (o.category === 'khong-dau' && /[^\x00-\x7f]/.test(o.q)) err('dòng', i + 1, 'câu không dấu còn dấu');
  if (seen.has(o.q)) err('dòng', i + 1, 'câu trùng'); seen.add(o.q);
  cats[o.category] = (cats[o.category] || 0) + 1;
});
console.log(`Câu hỏi: ${lines.length} dòng`, JSON.stringify(cats));
// Câu chữ trả lời: mỗi mã trong expect phải chứa đoạn chữ ghi trong cau-chu-kiem-tra.json
const ccPath = path.join(dir, 'cau-chu-kiem-tra.json');
if (fs.existsSync(ccPath)) {
  const cc = JSON.parse(fs.readFileSync(ccPath, 'utf8'));
  const qs = new Map(lines.map(l => { try { const o = JSON.parse(l); return [o.q, o]; } catch { return [null, null]; } }));
  let n = 0;
  for (const { q, check } of cc) {
    const o = qs.get(q);
    if (!o) { err('câu trong cau-chu-kiem-tra.json không có trong documents.jsonl:', q); continue; }
    const ids = Object.keys(check);
    if (ids.sort().join() !== [...(o.expect || [])].sort().join()) err('expect khác danh sách kiểm tra:', q);
    for (const id of ids) { n++; const a = byId.get(id); if (!a || !a.text.includes(check[id])) err(id, 'không chứa', JSON.stringify(check[id])); }
  }
  console.log(`Câu chữ trả lời: ${n} cặp (mã, đoạn chữ) đã kiểm`);
}
console.log(errs ? `${errs} lỗi` : '0 lỗi');
process.exit(errs ? 1 : 0);
