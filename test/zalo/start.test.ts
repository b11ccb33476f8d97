import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ZaloApiError } from 'zca-js';
import { Conversation } from '../../src/app/conversation.js';
import { Engine } from '../../src/app/engine.js';
import { ConversationMemory } from '../../src/app/memory.js';
import { channelStarters, type ChannelContext } from '../../src/channels/starters.js';
import { credentialsPath, loadCredentials, saveCredentials } from '../../src/channels/zalo/credentials.js';
import { runZalo } from '../../src/channels/zalo/session.js';
import { startZalo } from '../../src/channels/zalo/start.js';
import { loadConfig } from '../../src/config.js';
import { Desk } from '../../src/desk/desk.js';
import { Store } from '../../src/store/store.js';
import { copyOfFixtureKnowledge, removeDir, tempDir } from '../helpers/temp.js';
import { ADMIN, FakeChannel, FakePort, MOD_GROUP, memoryLog, userMessage } from './helpers.js';

let kb: string;
const dirs: string[] = [];

beforeAll(async () => {
  kb = await copyOfFixtureKnowledge();
});

afterAll(async () => {
  await removeDir(kb);
  for (const d of dirs) await removeDir(d);
});

async function context(env: Record<string, string> = {}) {
  const dataDir = await tempDir('congvu-zalo-start-');
  dirs.push(dataDir);
  const config = loadConfig({ ZALO_ENABLED: 'true', DATA_DIR: dataDir, KNOWLEDGE_DIR: kb, ZALO_MODERATOR_GROUP_ID: MOD_GROUP, ZALO_ADMIN_IDS: ADMIN, ...env });
  const log = memoryLog();
  const store = await Store.open(dataDir);
  const core = new Conversation({ engine: await Engine.open(kb), desk: new Desk(store), memory: new ConversationMemory(), log, admins: { telegram: ['9001'], zalo: [ADMIN] } });
  const telegram = new FakeChannel('telegram');
  core.attach(telegram);
  const ctx = { config, core, log, store } as unknown as ChannelContext;
  return { ctx, log, telegram, dataDir, core };
}

const CREDENTIALS = { imei: 'imei-1', userAgent: 'UA', language: 'vi', cookie: [{ key: 'zpw_sek', value: 'cu' }] };

describe('starting the Zalo channel (npm start)', () => {
  it('is registered among the channel starters and stays off unless ZALO_ENABLED', async () => {
    expect(channelStarters).toContain(startZalo);
    const { ctx } = await context({ ZALO_ENABLED: 'false' });
    expect(await startZalo(ctx)).toBeUndefined();
  });

  it('without saved credentials: does not start, says to run npm run zalo:login, tells the admins', async () => {
    const { ctx, log, telegram } = await context();
    expect(await startZalo(ctx)).toBeUndefined();
    const line = log.lines.find((l) => l.level === 'error');
    expect(line?.msg).toContain('npm run zalo:login');
    expect(telegram.alerts[0]).toContain('npm run zalo:login');
  });

  it('an expired session is explained without crashing; a network failure is told apart', async () => {
    const { ctx, log, dataDir } = await context();
    await saveCredentials(credentialsPath(dataDir), CREDENTIALS);
    expect(await runZalo(ctx, async () => Promise.reject(new ZaloApiError('Đăng nhập thất bại')))).toBeUndefined();
    expect(log.lines.at(-1)!.msg).toContain('Phiên đăng nhập Zalo của bot đã hết hạn');
    expect(log.lines.at(-1)!.msg).toContain('npm run zalo:login');
    expect(await runZalo(ctx, async () => Promise.reject(new TypeError('fetch failed')))).toBeUndefined();
    expect(log.lines.at(-1)!.msg).toContain('lỗi mạng');
    expect(JSON.stringify(log.lines)).not.toContain('zpw_sek');
  });

  it('a login that never answers gives up after the deadline with one line, and the bot goes on', async () => {
    const { ctx, log, dataDir, telegram } = await context();
    await saveCredentials(credentialsPath(dataDir), CREDENTIALS);
    const never = () => new Promise<never>(() => {});
    expect(await runZalo(ctx, never, {}, 1000)).toBeUndefined();
    expect(log.lines.at(-1)!.msg).toBe('Kênh Zalo không chạy: máy chủ Zalo không trả lời trong 1 giây. Kiểm tra mạng rồi khởi động lại bot; các kênh khác vẫn chạy.');
    expect(telegram.alerts.at(-1)).toContain('máy chủ Zalo không trả lời');
  });

  it('with a valid session: listens, answers, re-saves the cookies owner-only, and stops cleanly', async () => {
    const { ctx, dataDir } = await context();
    const file = credentialsPath(dataDir);
    await saveCredentials(file, CREDENTIALS);
    const port = new FakePort();
    port.cookies = [{ key: 'zpw_sek', value: 'moi' }];
    let given: unknown;
    const running = await runZalo(
      ctx,
      async (c) => {
        given = c;
        return port;
      },
      { outbox: { minIntervalMs: 0, perThreadIntervalMs: 0 } },
    );
    expect(running?.name).toBe('zalo');
    expect(given).toEqual(CREDENTIALS);
    expect(port.starts).toBe(1);
    expect((await loadCredentials(file))!.cookie).toEqual([{ key: 'zpw_sek', value: 'moi' }]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    port.emit('message', userMessage('Đi làm quên đeo thẻ có sao không'));
    await vi.waitFor(() => expect(port.sent.at(-1)?.content.msg).toContain('Đeo thẻ khi làm việc'));
    await running!.stop();
    expect(port.stops).toBe(1);
    expect(port.listeners('message')).toBe(0);
  });
});
