import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/answer/message.js';
import { passageMessage, replyMessage } from '../../src/answer/reply.js';
import { Engine } from '../../src/app/engine.js';
import { commitImport, ImportError, importFile, prepareImport } from '../../src/import/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { perTestDirs } from '../helpers/temp.js';
import { DECISION_BODY, DECISION_HEADER, PLAN_BODY, PLAN_HEADER } from './fixtures.js';
import { makeDocx, makeImageOnlyPdf, makePasswordPdf, makePdf } from './generate.js';

const dirs = perTestDirs();
const kb = dirs.kb;
const scratch = () => dirs.scratch('congvu-docs-');

/** Every file under a directory with a hash of its content: "nothing changed" means equal snapshots. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(dir, { recursive: true })) {
    const full = path.join(dir, name);
    try {
      out[name] = createHash('sha1').update(await readFile(full)).digest('hex');
    } catch {
      out[name] = 'dir';
    }
  }
  return out;
}

const ATTACHMENT = 'Quy chế ứng xử của cán bộ, công chức tại trụ sở Ủy ban nhân dân huyện Vân Hà';
const DECISION = 'Quyết định số 45/2023/QĐ-UBND ngày 15/6/2023';

describe('import into the knowledge base', () => {
  it('writes regulations/<id>.md in the loader format, and the loader cites its articles', async () => {
    const dir = await kb();
    const prepared = await prepareImport(dir, 'quyet-dinh-45.docx', await makeDocx(DECISION_HEADER, DECISION_BODY), { now: new Date(2024, 0, 5) });
    expect(prepared).toMatchObject({ relativePath: 'regulations/qd-45-2023-qd-ubnd.md', replaces: false, warnings: [] });
    expect(prepared.structure).toEqual({
      counts: { chapters: 3, parts: 2, articles: 9, clauses: 11, points: 3 },
      appendices: 0,
      divisions: 0,
      numbering: [],
      sections: 9,
      mainArticles: 3,
      firstArticle: '1',
      lastArticle: '6',
    });
    expect(prepared.stripped).toEqual(['khối chữ ký "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Trần Văn Bình"', 'nơi nhận (2 dòng)']);
    expect(await snapshot(dir)).not.toHaveProperty(path.join('regulations', 'qd-45-2023-qd-ubnd.md')); // nothing before commit

    const written = await commitImport(prepared);
    const text = await readFile(written.path, 'utf8');
    expect(text.split('\n---\n')[0]).toBe(
      [
        '---',
        'id: qd-45-2023-qd-ubnd',
        'type: Quyết định',
        'number: 45/2023/QĐ-UBND',
        'date: 15/6/2023',
        'issuer: Ủy ban nhân dân huyện Vân Hà',
        'title: Ban hành Quy chế ứng xử của cán bộ, công chức tại trụ sở Ủy ban nhân dân huyện Vân Hà',
        `attachment: ${ATTACHMENT}`,
        'imported: 2024-01-05 từ tệp quyet-dinh-45.docx',
      ].join('\n'),
    );
    const k = await loadKnowledge(dir);
    const byId = new Map(k.passages.map((p) => [p.id, p]));
    expect(byId.get('qd-45-2023-qd-ubnd/dieu-4')).toMatchObject({
      title: 'Điều 4. Những việc cán bộ, công chức không được làm trong giờ làm việc',
      citation: `Điều 4, ${ATTACHMENT} ban hành kèm theo ${DECISION}`,
    });
    // The decision's own articles cite the decision alone.
    expect(byId.get('qd-45-2023-qd-ubnd/vb-dieu-2')?.citation).toBe(`Điều 2, ${DECISION}`);
  });

  it('imports a Kế hoạch without articles as passages by its headings', async () => {
    const dir = await kb();
    await importFile(dir, await fileOf('ke-hoach.pdf', await makePdf(PLAN_HEADER, PLAN_BODY)));
    const k = await loadKnowledge(dir);
    const plan = k.passages.filter((p) => p.id.startsWith('kh-112-2024-kh-ubnd/'));
    expect(plan.map((p) => p.title)).toEqual(['I. MỤC ĐÍCH, YÊU CẦU', 'II. NHIỆM VỤ VÀ GIẢI PHÁP', 'III. TỔ CHỨC THỰC HIỆN']);
    expect(plan[1]!.citation).toBe('Phần "II. NHIỆM VỤ VÀ GIẢI PHÁP", Kế hoạch số 112/KH-UBND ngày 03/02/2024');
  });

  it('reads a Quy chế sent on its own: the decision comes from its "(Ban hành kèm theo …)" line', async () => {
    const dir = await kb();
    const start = DECISION_BODY.indexOf('QUY CHẾ');
    const p = await prepareImport(dir, 'quy-che.txt', new TextEncoder().encode(DECISION_BODY.slice(start).join('\n')));
    expect(p.meta).toMatchObject({ type: 'Quyết định', number: '45/2023/QĐ-UBND', date: '15/6/2023', attachment: ATTACHMENT, title: `Ban hành ${ATTACHMENT}` });
    expect(p.structure.counts.articles).toBe(6);
  });

  it('takes metadata from the front matter of a .md file', async () => {
    const dir = await kb();
    const md = ['---', 'type: Hướng dẫn', 'number: 3/HD-SNV', 'date: 10/3/2024', 'title: Ứng xử trên mạng xã hội', '---', '## Nguyên tắc chung', 'Giữ gìn hình ảnh cơ quan.', '## Những điều cần tránh', 'Không chia sẻ tài liệu nội bộ.'].join('\n');
    const p = await prepareImport(dir, 'huong-dan.md', new TextEncoder().encode(md));
    expect(p.meta).toMatchObject({ id: 'hd-3-2024-hd-snv', type: 'Hướng dẫn', number: '3/HD-SNV' });
    expect(p.structure.sections).toBe(2);
  });

  it('re-importing the same number replaces the file (same path, same id) instead of adding one', async () => {
    const dir = await kb();
    // An earlier import, kept under a hand-chosen id and file name.
    const first = await prepareImport(dir, 'qd.docx', await makeDocx(DECISION_HEADER, DECISION_BODY));
    await mkdir(path.join(dir, 'regulations', 'van-ha'), { recursive: true });
    await writeFile(path.join(dir, 'regulations', 'van-ha', 'quy-che-ung-xu.md'), first.content.replace('id: qd-45-2023-qd-ubnd', 'id: quy-che-ung-xu').replace('45/2023/QĐ-UBND', '45/2023/qđ-ubnd'));
    const before = (await loadKnowledge(dir)).regulationCount;

    const again = await importFile(dir, await fileOf('ban-moi.pdf', await makePdf(DECISION_HEADER, DECISION_BODY)));
    expect(again).toMatchObject({ relativePath: 'regulations/van-ha/quy-che-ung-xu.md', replaces: true, meta: { id: 'quy-che-ung-xu' } });
    expect(again.written?.replaced).toBe(true);
    const k = await loadKnowledge(dir);
    expect(k.regulationCount).toBe(before);
    // (the fixture's own Quy chế 129 has a Điều 4 too)
    expect(k.passages.filter((p) => p.id.endsWith('/dieu-4') && !p.id.startsWith('qd-129-2007/')).map((p) => p.id)).toEqual(['quy-che-ung-xu/dieu-4']);
    expect(await readdir(path.join(dir, 'regulations'), { recursive: true })).not.toContain('qd-45-2023-qd-ubnd.md');
  });

  it('refuses unreadable documents with a clear message and changes nothing', async () => {
    const dir = await kb();
    const before = await snapshot(dir);
    const zip = await makeDocx(DECISION_HEADER, DECISION_BODY);
    const pdf = await makePdf(DECISION_HEADER, DECISION_BODY);
    const cases: [string, Uint8Array | string, RegExp][] = [
      ['hong.docx', 'đây không phải tệp Word', /tệp bị hỏng hoặc không phải định dạng \.docx/],
      ['cat-ngang.docx', zip.subarray(0, zip.length / 2), /tệp bị hỏng/],
      ['mat-khau.docx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), /có mật khẩu hoặc là định dạng \.doc cũ/],
      ['scan.pdf', await makeImageOnlyPdf(), /không có lớp chữ \(bản chụp\/scan\)/],
      ['hong.pdf', pdf.subarray(0, 200), /Không đọc được tệp PDF/],
      ['mat-khau.pdf', await makePasswordPdf(), /Tệp PDF có mật khẩu/],
      ['cu.doc', 'abc', /Không đọc được tệp \.doc \(Word 97–2003\).*lưu lại thành \.docx/],
      ['anh.png', 'abc', /Không hỗ trợ loại tệp "\.png"/],
      ['rong.txt', '', /Tệp rỗng/],
      ['tcvn3.txt', 'Quy Õt ®Þnh vÒ viÖc ban hµnh Quy chÕ v¨n hãa c«ng së t¹i c¸c c¬ quan hµnh chÝnh nhµ n­íc. '.repeat(5), /bảng mã cũ \(TCVN3\/VNI/],
      ['khong-ten.txt', 'Điều 1. Nội dung\nCó nội dung đủ dài để đọc được thành văn bản nhưng không có phần đầu nào.', /Không nhận ra số hiệu, loại văn bản hay trích yếu/],
      ['khong-cau-truc.txt', 'Số: 1/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc thử\nChỉ có một đoạn văn bản không có điều khoản nào cả.', /Không nhận ra cấu trúc văn bản/],
    ];
    for (const [name, content, message] of cases) {
      const file = await fileOf(name, content);
      const error = await importFile(dir, file).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(ImportError);
      expect((error as Error).message, name).toMatch(message);
    }
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe('answers after import', () => {
  it('answers with the article citation and trims a long article to the clause asked about', async () => {
    const dir = await kb();
    const engine = await Engine.open(dir);
    const question = 'quy chế ứng xử Vân Hà: công chức có được hút thuốc lá trong phòng họp không';
    expect(engine.ask(question).passage?.id ?? 'none').not.toMatch(/^qd-45/);

    await importFile(dir, await fileOf('qd-45.docx', await makeDocx(DECISION_HEADER, DECISION_BODY)));
    const reload = await engine.reload();
    expect(reload).toMatchObject({ ok: true, regulationCount: 2 });

    const d = engine.ask(question);
    expect(d).toMatchObject({ status: 'answered', passage: { id: 'qd-45-2023-qd-ubnd/dieu-4' } });
    const text = toPlainText(replyMessage(d, { question }));
    expect(text).toMatch(/^Điều 4\. Những việc cán bộ, công chức không được làm trong giờ làm việc\n\nCán bộ, công chức không được:\n\n1\. Hút thuốc lá/);
    expect(text).toContain(`Nguồn: Khoản 1 Điều 4, ${ATTACHMENT} ban hành kèm theo ${DECISION}`);
    expect(text).toContain('Trên đây trích khoản 1 của Điều 4 (gồm 6 khoản). Các khoản khác: xem toàn văn Điều 4 theo nguồn trên.');
    expect(text).not.toContain('điện thoại');

    // Without the question (e.g. a suggestion picked from a list) the article is shown whole.
    const whole = toPlainText(passageMessage(d.passage!));
    expect(whole).toContain('6. Có thái độ hách dịch');
    expect(whole).toContain(`Nguồn: Điều 4, ${ATTACHMENT}`);

    // A question about the whole article gets the whole article.
    const general = 'cán bộ không được làm những việc gì trong giờ làm việc';
    const g = engine.ask(general);
    expect(g.passage?.id).toBe('qd-45-2023-qd-ubnd/dieu-4');
    expect(toPlainText(replyMessage(g, { question: general }))).toContain('3. Sử dụng điện thoại di động');

    const short = 'trang phục và thẻ công chức theo quy chế ứng xử';
    const s = engine.ask(short);
    expect(s.passage?.id).toBe('qd-45-2023-qd-ubnd/dieu-3');
    expect(toPlainText(replyMessage(s, { question: short }))).toContain(`Nguồn: Điều 3, ${ATTACHMENT} ban hành kèm theo ${DECISION}`);
  });
});

describe('npm run import', () => {
  it('prints a progress line and the findings per file, fails when a file fails, and says how to reload', async () => {
    const dir = await kb();
    const good = await fileOf('qd-45.docx', await makeDocx(DECISION_HEADER, DECISION_BODY));
    const bad = await fileOf('scan.pdf', await makeImageOnlyPdf());
    const run = promisify(execFile);
    const tsx = path.resolve('node_modules/.bin/tsx');
    const result = await run(tsx, ['scripts/import.ts', good, bad], { env: { ...process.env, KNOWLEDGE_DIR: dir, KNOWLEDGE_WATCH: '' } }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[1/2] Đang đọc');
    expect(result.stdout).toContain('Loại và số hiệu: Quyết định số 45/2023/QĐ-UBND');
    expect(result.stdout).toContain('Ngày ban hành: 15/6/2023');
    expect(result.stdout).toContain('Cơ quan ban hành: Ủy ban nhân dân huyện Vân Hà');
    expect(result.stdout).toContain('Cấu trúc: 3 chương, 2 mục, 9 điều, 11 khoản, 3 điểm');
    expect(result.stdout).toMatch(/\[2\/2\] Đang đọc .*\n.*❌ Không nhập được .*scan\.pdf: Tệp PDF không có lớp chữ/);
    expect(result.stdout).toContain('/reload');
    expect(await readdir(path.join(dir, 'regulations'))).toContain('qd-45-2023-qd-ubnd.md');
  });
});

async function fileOf(name: string, content: Uint8Array | string): Promise<string> {
  const dir = await scratch();
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}
