import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { removeDir, tempDir } from '../helpers/temp.js';
import { freePort, TOKEN } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * `npm start`'s entry point with a token: the Telegram channel runs (no console chat),
 * answers, and stops cleanly on SIGTERM. Nothing can stub this process's API calls, so
 * its getUpdates spins against the emulator: keep this test short.
 */
let server: TelegramServer;
let data: string;
beforeAll(async () => {
  server = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
  await server.start();
  data = await tempDir('congvu-tg-main-');
});
afterAll(async () => {
  await server?.stop();
  await removeDir(data);
});

describe('npm start with TELEGRAM_BOT_TOKEN', () => {
  it('runs the Telegram channel instead of the console, answers, stops on SIGTERM, never logs the token', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOG_LEVEL: 'info',
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: server.config.apiURL,
        TELEGRAM_ADMIN_IDS: '1',
        KNOWLEDGE_DIR: 'test/fixtures/knowledge',
        DATA_DIR: data,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const until = Date.now() + 15_000;
      while (!stderr.includes('telegram channel started') && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      expect(stderr).toContain('telegram channel started');

      const client = server.getClient(TOKEN, { userId: 77, chatId: 77 });
      await client.sendMessage(client.makeMessage('Công chức có phải đeo thẻ khi làm việc không?'));
      let reply: { message: { text: string; chat_id: number } } | undefined;
      while (!reply && Date.now() < until) {
        reply = server.storage.botMessages.find((m) => String(m.message.chat_id) === '77') as typeof reply;
        if (!reply) await new Promise((r) => setTimeout(r, 25));
      }
      expect(reply?.message.text).toContain('Nguồn: Điều 7, Quy chế văn hóa công sở');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toBe(''); // no console chat
    expect(stderr).toContain('telegram polling stopped');
    expect(stderr).not.toContain(TOKEN.split(':')[1]);
  });

  it('stops with one clear line and exit code 1 when Telegram refuses the token', async () => {
    // A loopback stand-in for the Bot API that refuses every token, as Telegram does for a revoked one.
    const refusing = http.createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }));
    });
    const port = await freePort();
    await new Promise<void>((r) => refusing.listen(port, '127.0.0.1', r));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_ADMIN_IDS: '1', TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`, KNOWLEDGE_DIR: 'test/fixtures/knowledge', DATA_DIR: data },
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(output).toContain('Không khởi động: Telegram từ chối TELEGRAM_BOT_TOKEN');
      expect(output).not.toContain('Lỗi không mong đợi');
      expect(output).not.toContain(TOKEN.split(':')[1]);
    } finally {
      refusing.close();
    }
  });

  it('gives up with one Vietnamese line when the Bot API accepts connections and never answers', async () => {
    // A loopback stand-in that takes the request and never replies: startup must not hang on it.
    const silent = http.createServer(() => {});
    const port = await freePort();
    await new Promise<void>((r) => silent.listen(port, '127.0.0.1', r));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_ADMIN_IDS: '1', TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`, KNOWLEDGE_DIR: 'test/fixtures/knowledge', DATA_DIR: data, LOG_LEVEL: 'error' },
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual(['Không khởi động: Không kết nối được Telegram trong 15 giây: kiểm tra mạng, tường lửa hoặc TELEGRAM_API_ROOT.']);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  }, 60_000);
});
