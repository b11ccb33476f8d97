import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Assistant } from '../src/app/assistant.js';
import { Engine } from '../src/app/engine.js';
import { ConsoleChannel } from '../src/channels/console/console.js';
import { Desk } from '../src/desk/desk.js';
import { Store } from '../src/store/store.js';
import { CHANNEL_SUGGEST_CONFIDENCE, copyOfFixtureKnowledge, removeDir, tempDir } from './helpers/temp.js';
import { DEFAULT_THRESHOLDS } from '../src/answer/decide.js';

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
  it('opens the console chat: answers, escalates, and the moderator loop works', async () => {
    const kb = await copyOfFixtureKnowledge();
    const data = await tempDir();
    dirs.push(kb, data);
    const { code, stdout } = await runMain(
      { KNOWLEDGE_DIR: kb, DATA_DIR: data },
      ['cong chuc co phai deo the ko', 'Xe công vụ có được chở người nhà không?', '/hangdoi', '/traloi 1 Không được dùng xe công vào việc riêng.', '/hangdoi', '/thoat'].join('\n') + '\n',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Nguồn: Điều 8 Quy chế văn hóa công sở');
    expect(stdout).toContain('(phiếu #1)');
    expect(stdout).toMatch(/#1 · \d+ phút · Người dùng console/);
    expect(stdout).toContain('🔔 Cán bộ hỗ trợ trả lời câu hỏi của bạn (phiếu #1):');
    expect(stdout).toContain('Không có câu hỏi nào đang chờ.');
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

  it('refuses a malformed setting with one line per problem and never echoes a token', async () => {
    const { code, stderr } = await runMain({ TELEGRAM_BOT_TOKEN: 'secret-not-a-token', TELEGRAM_ADMIN_IDS: 'abc' }, '');
    expect(code).toBe(2);
    expect(stderr).toContain('TELEGRAM_BOT_TOKEN: không đúng dạng token');
    expect(stderr).toContain('TELEGRAM_ADMIN_IDS: phải là danh sách số');
    expect(stderr).not.toContain('secret-not-a-token');
  });
});

describe('console channel', () => {
  it('shows suggestions and opens the chosen one by number', async () => {
    const kb = await copyOfFixtureKnowledge();
    const data = await tempDir();
    dirs.push(kb, data);
    const silent = { info: () => {}, warn: () => {}, error: () => {} };
    const assistant = new Assistant(await Engine.open(kb, { ...DEFAULT_THRESHOLDS, suggest: CHANNEL_SUGGEST_CONFIDENCE }), new Desk(await Store.open(data)), silent);
    const output = new PassThrough();
    let text = '';
    output.on('data', (d) => (text += d));
    const channel = new ConsoleChannel(assistant, new PassThrough(), output);
    // Two topics in one question: neither entry covers it alone, so both are offered, not asserted.
    const decision = assistant.engine.ask('công chức đeo thẻ và uống rượu bia');
    expect(decision.status).toBe('suggested');
    await channel.handle('công chức đeo thẻ và uống rượu bia');
    expect(text).toContain('Có phải bạn muốn hỏi:\n\n1. Uống rượu bia trong giờ làm việc\n2. Đeo thẻ khi làm việc');
    await channel.handle('1');
    expect(text).toContain('Nguồn: Quyết định số 1847/QĐ-TTg');
    // none of the choices fits: 0 sends the question to a person
    await channel.handle('0');
    expect(text).toContain('chuyển đến cán bộ hỗ trợ (phiếu #1)');
    expect(assistant.desk.pending().map((t) => t.question)).toEqual(['công chức đeo thẻ và uống rượu bia']);
    await channel.handle('/traloi abc');
    expect(text).toContain('Cú pháp: /traloi <số phiếu> <nội dung trả lời>');
  });
});
