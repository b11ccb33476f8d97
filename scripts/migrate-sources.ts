/**
 * One-off migration (issue 16): rewrites each FAQ's free-text `source:` into structured references.
 * An article of a regulation file becomes `ref: <id>/dieu-N[/khoan-M]`, chosen by reading each entry's
 * answer (the old article numbers of the Quy chế văn hóa công sở were shifted); any other document
 * becomes `doc: <id>` of knowledge/documents.yaml. Run: npx tsx scripts/migrate-sources.ts [knowledge]
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';

/** The article of Quy chế 129 (or section of Đề án 1718) that really holds each entry's fact. */
const REFS: Record<string, string[]> = {
  'ban-tho-thap-huong-phong-lam-viec': ['qd-129-2007/dieu-15/khoan-3'],
  'bien-ten-co-quan': ['qd-129-2007/dieu-14'],
  'cchc-gan-voi-van-hoa-cong-vu': ['qd-129-2007/dieu-3/khoan-3'],
  'che-bai-co-quan-tren-mang': ['qd-129-2007/dieu-10'],
  'deo-the-cong-chuc': ['qd-129-2007/dieu-7/khoan-1'],
  'dong-phuc-bo-phan-mot-cua': ['qd-129-2007/dieu-5', 'qd-129-2007/dieu-7/khoan-1'],
  'dun-nau-trong-phong-lam-viec': ['qd-129-2007/dieu-15/khoan-3'],
  'giao-tiep-qua-dien-thoai': ['qd-129-2007/dieu-11'],
  'giao-tiep-ung-xu-chung': ['qd-129-2007/dieu-8'],
  'giao-tiep-voi-dong-nghiep': ['qd-129-2007/dieu-10'],
  'giao-tiep-voi-nguoi-dan': ['qd-129-2007/dieu-9'],
  'hach-dich-nhung-nhieu-nguoi-dan': ['qd-129-2007/dieu-9/khoan-2'],
  'hanh-vi-bi-cam-tai-cong-so': ['qd-129-2007/dieu-4'],
  'hut-thuoc-la-phong-lam-viec': ['qd-129-2007/dieu-4/khoan-1'],
  'khu-vuc-de-xe-tai-co-quan': ['qd-129-2007/dieu-16'],
  'le-phuc': ['qd-129-2007/dieu-6'],
  'mac-ao-phong-quan-jean-di-lam': ['qd-129-2007/dieu-5'],
  'muc-dich-quy-che-van-hoa-cong-so': ['qd-129-2007/dieu-2'],
  'nguyen-tac-thuc-hien-van-hoa-cong-so': ['qd-129-2007/dieu-3'],
  'noi-dung-the-cong-chuc': ['qd-129-2007/dieu-7/khoan-2'],
  'phan-biet-van-hoa-cong-so-cong-vu': ['qd-129-2007/dieu-1'],
  'qd-129-2007-quy-che-van-hoa-cong-so': ['qd-129-2007/dieu-1'],
  'quang-cao-thuong-mai-tai-cong-so': ['qd-129-2007/dieu-4/khoan-3'],
  'ruou-bia-lien-hoan-tiep-khach': ['qd-129-2007/dieu-4/khoan-2'],
  'sap-xep-phong-lam-viec': ['qd-129-2007/dieu-15'],
  'thai-do-tiep-dan-mot-cua': ['qd-129-2007/dieu-5', 'qd-129-2007/dieu-7/khoan-1', 'qd-129-2007/dieu-9'],
  'treo-quoc-huy-quoc-ky': ['qd-129-2007/dieu-12', 'qd-129-2007/dieu-13'],
  'trang-phuc-khi-lam-viec': ['qd-129-2007/dieu-5'],
  'ung-xu-khi-nguoi-dan-buc-xuc': ['qd-129-2007/dieu-8/khoan-2', 'qd-129-2007/dieu-9'],
  'van-hoa-cong-so-la-gi': ['qd-129-2007/dieu-1'],
  // Đề án 1718 Khánh Hòa (a regulation file split by its headings)
  'khanh-hoa-1718-muc-tieu': ['qd-1718-2023-khanh-hoa/muc-muc-tieu'],
  'khanh-hoa-1718-yeu-cau': ['qd-1718-2023-khanh-hoa/muc-yeu-cau'],
  'khanh-hoa-1718-nhiem-vu': ['qd-1718-2023-khanh-hoa/muc-nhiem-vu'],
  'khanh-hoa-1718-giai-phap': ['qd-1718-2023-khanh-hoa/muc-giai-phap'],
  'khanh-hoa-de-an-1718': ['qd-1718-2023-khanh-hoa'],
  'cong-thong-tin-cchc-khanh-hoa': ['qd-1718-2023-khanh-hoa/muc-nhiem-vu', 'qd-1718-2023-khanh-hoa/muc-giai-phap'],
  'phan-mem-kiem-tra-kien-thuc-cchc': ['qd-1718-2023-khanh-hoa/muc-nhiem-vu'],
  'khanh-hoa-de-an-595-2013': ['qd-1718-2023-khanh-hoa/muc-yeu-cau'],
  'mang-xa-hoi-tuyen-truyen-van-hoa-cong-vu': ['qd-1718-2023-khanh-hoa/muc-giai-phap'],
};

/** Old free text (its start) -> id in documents.yaml. */
const DOCS: [RegExp, string | null][] = [
  [/^Quyết định số 129\/2007/, null], // replaced by REFS
  [/^Quyết định số 1718\/QĐ-UBND/, null], // replaced by REFS
  [/^Quyết định số 1847\/QĐ-TTg/, 'qd-1847-2018'],
  [/^Quyết định số 733\/QĐ-TTg/, 'qd-733-2019'],
  [/^Quyết định số 595\/QĐ-UBND/, 'qd-595-2013-khanh-hoa'],
  [/^Luật Phòng, chống tác hại của rượu, bia/, 'luat-44-2019'],
  [/^Nghị định số 61\/2018/, 'nd-61-2018'],
  [/^Nghị định số 63\/2010/, 'nd-63-2010'],
  [/^Nghị quyết số 76\/NQ-CP/, 'nq-76-2021'],
  [/^Chỉ thị số 05-CT\/TW/, 'ct-05-2016'],
  [/^Chỉ thị số 01\/CT-UBND/, 'ct-01-2021-thanh-hoa'],
  [/^Kế hoạch số 84\/KH-UBND/, 'kh-84-2020-thanh-hoa'],
  [/^Công văn số 403\//, 'cv-403-2023-thanh-hoa'],
  [/^Đề án "Đổi mới phong cách/, 'de-an-bac-kan-2022'],
  [/^Bài viết "Giải pháp nâng cao thực thi văn hóa công vụ"/, 'bai-viet-thanh-hoa-2024'],
  [/^Bài viết "Giải pháp xây dựng văn hóa công sở"/, 'bai-viet-ha-noi'],
  [/^Bài viết "Cán bộ, công chức, viên chức tỉnh Lai Châu/, 'bai-viet-lai-chau'],
  [/^Bài viết "Đổi mới lề lối/, 'bai-viet-bac-kan'],
  [/^Bài viết về Hội nghị góp ý dự thảo Nghị quyết/, 'bai-viet-ha-tinh-2016'],
];

type Item = Record<string, unknown>;

function convert(id: string, source: unknown): Item[] {
  const items = (Array.isArray(source) ? source : [source]) as Item[];
  if (items.every((s) => s.ref || s.doc)) return items; // already converted
  const summary = items.some((s) => s.summary === true);
  const out: Item[] = (REFS[id] ?? []).map((ref) => ({ ref }));
  for (const item of items) {
    if (item.ref || item.doc) {
      out.push(item);
      continue;
    }
    const text = String(item.document ?? '');
    const match = DOCS.find(([pattern]) => pattern.test(text));
    if (!match) throw new Error(`${id}: không biết văn bản "${text}"`);
    if (match[1] === null) {
      if (!REFS[id]) throw new Error(`${id}: "${text}" cần điều cụ thể trong REFS`);
      continue;
    }
    if (!out.some((o) => o.doc === match[1])) out.push({ doc: match[1] });
  }
  if (summary && out[0]) out[0].summary = true;
  return out;
}

const dir = path.join(process.argv[2] ?? 'knowledge', 'faq');
for (const name of (await readdir(dir)).filter((n) => n.endsWith('.md')).sort()) {
  const file = path.join(dir, name);
  const text = await readFile(file, 'utf8');
  const end = text.indexOf('\n---', 4);
  const front = text.slice(4, end + 1);
  const data = parse(front) as Item;
  const start = front.search(/^source:/m);
  const after = front.slice(start).search(/\n(?=[a-z_]+:)/);
  const block = after < 0 ? front.slice(start) : front.slice(start, start + after + 1);
  const replaced = stringify({ source: convert(String(data.id), data.source) }, { lineWidth: 0 });
  await writeFile(file, `---\n${front.replace(block, replaced)}${text.slice(end + 1)}`);
}
