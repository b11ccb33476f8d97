import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_ANSWER_CONFIDENCE, CHANNEL_SUGGEST_CONFIDENCE, copyOfFixtureKnowledge, removeDir, tempDir } from './helpers/temp.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

const ROOT = path.resolve(import.meta.dirname, '..');

/** Runs `npm start`'s entry point with the given environment and stdin; resolves on exit. */
function runMain(env: Record<string, string>, input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('npm start without channel credentials', () => {
  it('opens the console chat: a "> " prompt, answers, escalates, the moderator loop works, no log lines in the chat', async () => {
    const kb = await copyOfFixtureKnowledge();
    const data = await tempDir();
    dirs.push(kb, data);
    const { code, stdout } = await runMain(
      { KNOWLEDGE_DIR: kb, DATA_DIR: data, LOG_LEVEL: '' },
      ['cong chuc co phai deo the ko', 'Xe công vụ có được chở người nhà không?', '/hangdoi', '/traloi 1 Không được dùng xe công vào việc riêng.', '/hangdoi', '/thoat'].join('\n') + '\n',
    );
    expect(code).toBe(0);
    expect(stdout.startsWith('congvu-bot: trợ lý văn hóa công vụ')).toBe(true);
    expect(stdout).toContain('\n> ');
    expect(stdout).toContain('Nguồn: Điều 7, Quy chế văn hóa công sở');
    // the answer's choices: one Vietnamese line naming each key with its meaning, said once
    const answer = stdout.slice(stdout.indexOf('Nguồn: Điều 7'), stdout.indexOf('\n> ', stdout.indexOf('Nguồn: Điều 7')));
    expect(answer).toContain('\n\nGõ 👍 (hữu ích), 👎 (chưa đúng) hoặc 0 (hỏi cán bộ hỗ trợ).\n');
    for (const key of ['👍', '👎', 'hỏi cán bộ hỗ trợ']) expect(answer.split(key)).toHaveLength(2);
    expect(stdout).toContain('(phiếu #1)');
    expect(stdout).toMatch(/#1 · \d+ phút · Bạn \(console\)/);
    expect(stdout).toContain('Cán bộ hỗ trợ trả lời câu hỏi của bạn (phiếu #1):');
    expect(stdout).toContain('Không có câu hỏi nào đang chờ.');
    // pino's JSON lines never reach the chat
    expect(stdout).not.toMatch(/"level":/);
  });

  it('shows suggestions as numbered lines; a number picks, a number outside the list says which to choose', async () => {
    const kb = await copyOfFixtureKnowledge();
    const data = await tempDir();
    dirs.push(kb, data);
    const { stdout } = await runMain({ KNOWLEDGE_DIR: kb, DATA_DIR: data, SUGGEST_CONFIDENCE: String(CHANNEL_SUGGEST_CONFIDENCE), ANSWER_CONFIDENCE: String(CHANNEL_ANSWER_CONFIDENCE) }, ['công chức đeo thẻ và uống rượu bia', '5', '1', '/thoat'].join('\n') + '\n');
    const list = /Có phải bạn muốn hỏi:\n\n1\. (.+)\n2\. (.+)\n0\. Không đúng, hỏi cán bộ hỗ trợ\n\nGõ số thứ tự/.exec(stdout);
    expect(list).not.toBeNull();
    expect([list![1], list![2]]).toContain('Uống rượu bia trong giờ làm việc');
    expect(stdout).toContain('Bạn hãy chọn từ 1 đến 2');
    // "1" shows the first entry, with its source
    expect(stdout).toContain(`${list![1]}\n\n`);
    expect(stdout.split(list![1]!).length).toBeGreaterThan(2);
  });

  it('refuses to start on a broken knowledge base, listing file, line and reason', async () => {
    const kb = await copyOfFixtureKnowledge();
    dirs.push(kb);
    await writeFile(path.join(kb, 'faq', 'hong.md'), '---\nid: hong\ntitle: Hỏng\n---\n\n');
    const { code, stdout, stderr } = await runMain({ KNOWLEDGE_DIR: kb, DATA_DIR: kb }, '');
    expect(code).toBe(1);
    expect(stderr).toContain('faq/hong.md:1: thiếu "questions"');
    expect(stderr).toContain('faq/hong.md:5: câu trả lời trống');
    expect(stdout).toBe('');
  });

  it('a missing or empty KNOWLEDGE_DIR stops startup with one clear line', async () => {
    const empty = await tempDir();
    dirs.push(empty);
    for (const dir of [path.join(empty, 'khong-co'), empty]) {
      const { code, stdout, stderr } = await runMain({ KNOWLEDGE_DIR: dir, DATA_DIR: empty }, '');
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^Không khởi động: .*(không tồn tại|trống).*KNOWLEDGE_DIR/);
    }
  });

  it('refuses a malformed setting with one line per problem and never echoes a token', async () => {
    const { code, stderr } = await runMain({ TELEGRAM_BOT_TOKEN: 'secret-not-a-token', TELEGRAM_ADMIN_IDS: 'abc' }, '');
    expect(code).toBe(2);
    expect(stderr).toContain('TELEGRAM_BOT_TOKEN: không đúng dạng token');
    expect(stderr).toContain('TELEGRAM_ADMIN_IDS: phải là danh sách số');
    expect(stderr).not.toContain('secret-not-a-token');
  });

  it('refuses Telegram with neither a moderators\' chat nor an admin, naming the key to set', async () => {
    const { code, stderr } = await runMain({ TELEGRAM_BOT_TOKEN: '123456789:AAHtest-emulator-token_abcdefghijkl' }, '');
    expect(code).toBe(2);
    expect(stderr).toContain('TELEGRAM_MODERATOR_CHAT_ID: chưa có ai xử lý câu hỏi chuyển cán bộ hỗ trợ');
    expect(stderr).toContain('TELEGRAM_ADMIN_IDS');
    expect(stderr).not.toContain('AAHtest');
  });
});

describe('npm run check-knowledge', () => {
  it('fails on a directory that does not exist', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/check-knowledge.ts', 'khong/co/thu/muc/nay'], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('thư mục kho tri thức không tồn tại');
  });
});

describe('knowledge check in the console', () => {
  it('/kiemtra runs a round in the terminal: items one by one, answered with a letter; /kiemtra dong gives the results; /ketqua and /baocao work', async () => {
    const kb = await copyOfFixtureKnowledge();
    const data = await tempDir();
    dirs.push(kb, data);
    await mkdir(path.join(kb, 'quiz'));
    await writeFile(
      path.join(kb, 'quiz', 'thu.yaml'),
      [
        'topic: thu',
        'items:',
        '  - { id: the, question: "Khi nào cán bộ phải đeo thẻ?", options: [Khi thực hiện nhiệm vụ, Chỉ khi họp], answer: A, explanation: Phải đeo thẻ khi thực hiện nhiệm vụ., tests: the-cong-chuc, key: đeo thẻ, difficulty: de }',
        '  - { id: ruou, question: "Có được uống rượu bia trong giờ nghỉ trưa không?", options: [Được, Không], answer: B, explanation: Không dùng đồ uống có cồn trong giờ nghỉ trưa., tests: ruou-bia-gio-lam-viec, key: giờ nghỉ trưa, difficulty: de }',
      ].join('\n') + '\n',
    );
    const { code, stdout } = await runMain({ KNOWLEDGE_DIR: kb, DATA_DIR: data }, ['/kiemtra 2', 'A', 'A', '/kiemtra dong', '/ketqua', '/baocao', '/thoat'].join('\n') + '\n');
    expect(code).toBe(0);
    expect(stdout).toContain('Kiểm tra kiến thức định kỳ');
    expect(stdout).toMatch(/Câu 1\/2: /);
    expect(stdout).toMatch(/Câu 2\/2: /);
    expect(stdout).toContain('Đã ghi nhận: A.');
    expect(stdout).toContain('Bạn đã trả lời hết các câu.');
    expect(stdout).toContain('Kết quả đợt kiểm tra kiến thức');
    expect(stdout).toContain('1 người tham gia');
    expect(stdout).toContain('1/2 câu đúng');
    expect(stdout).toContain('Nên đọc lại');
    expect(stdout).toContain('Số đợt: 1');
    expect(stdout).toMatch(/Tệp đã lưu:\n.*bao-cao.*\.csv/);
  });
});
