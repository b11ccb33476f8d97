import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ZaloApiError } from 'zca-js';
import { toPlainText } from '../../src/answer/message.js';
import { credentialsPath, loadCredentials, saveCredentials } from '../../src/channels/zalo/credentials.js';
import { copyOfFixtureKnowledge, removeDir, tempDir } from '../helpers/temp.js';
import { groupMessage, harness, USER, userMessage, type Harness } from './helpers.js';

let kb: string;
let data: string;
const open: Harness[] = [];

beforeAll(async () => {
  kb = await copyOfFixtureKnowledge();
  data = await tempDir('congvu-zalo-conn-');
});

afterEach(async () => {
  vi.useRealTimers();
  for (const h of open.splice(0)) await h.channel.stop();
});

afterAll(async () => {
  await removeDir(kb);
  await removeDir(data);
});

/** The channel on fake timers (pacing off), so back-off and the watchdog run in virtual time. */
async function setup(options: Parameters<typeof harness>[2] = {}): Promise<Harness> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  const h = await harness(kb, data, options);
  open.push(h);
  return h;
}

const seconds = (s: number) => vi.advanceTimersByTimeAsync(s * 1000);

describe('Zalo connection', () => {
  it('reconnects after an abnormal close, backing off exponentially, and resets after a stable connection', async () => {
    const h = await setup();
    expect(h.port.starts).toBe(1);
    h.port.emit('connected');
    h.port.emit('closed', 1006, '');
    await seconds(1.999);
    expect(h.port.starts).toBe(1);
    await seconds(0.001);
    expect(h.port.starts).toBe(2);
    // fails again before connecting: the wait doubles
    h.port.emit('closed', 1006, '');
    await seconds(3.999);
    expect(h.port.starts).toBe(2);
    await seconds(0.001);
    expect(h.port.starts).toBe(3);
    // a connection that held for a while resets the back-off
    h.port.emit('connected');
    await seconds(60);
    h.port.emit('closed', 1006, 'abnormal');
    await seconds(2);
    expect(h.port.starts).toBe(4);
    expect(h.log.lines.some((l) => l.msg === 'Zalo: listener bị đóng, sẽ kết nối lại' && (l.obj as { code: number }).code === 1006)).toBe(true);
    expect(h.channel.isRunning).toBe(true);
  });

  it('the watchdog restarts a listener that went silent, or never connected', async () => {
    const h = await setup();
    h.port.emit('connected');
    // messages keep it alive
    for (let i = 0; i < 3; i++) {
      await seconds(15 * 60);
      h.port.emit('message', groupMessage('trò chuyện trong nhóm'));
    }
    expect(h.port.stops).toBe(0);
    await seconds(20 * 60 + 30);
    expect(h.port.stops).toBe(1);
    h.port.emit('closed', 1000, ''); // the socket we closed
    await seconds(2);
    expect(h.port.starts).toBe(2);
    // no "connected" this time: after the connect timeout it is restarted too, even without a close event
    await seconds(90);
    expect(h.port.stops).toBe(2);
    await seconds(5 + 2);
    expect(h.port.starts).toBe(3);
  });

  it.each([
    [3000, 'một phiên Zalo Web khác'],
    [3003, 'đăng nhập ở nơi khác'],
  ])('does not reconnect after code %i: stops the Zalo channel, logs it and alerts the admins; the rest keeps running', async (code, why) => {
    const h = await setup();
    h.port.emit('connected');
    await h.receive(groupMessage('Xe công vụ có được chở người nhà đi chơi không?', { mentionBot: true }));
    const ticket = h.core.desk.pending()[0]!;
    h.port.emit('closed', code, '');
    await vi.waitFor(() => expect(h.telegram.alerts).toHaveLength(1));
    await seconds(3600);
    expect(h.port.starts).toBe(1);
    expect(h.channel.isRunning).toBe(false);
    expect(h.port.listeners('message')).toBe(0);
    expect(h.port.listeners('closed')).toBe(0);
    expect(h.telegram.alerts[0]).toContain(`mã ${code}`);
    expect(h.telegram.alerts[0]).toContain(why);
    const logged = h.log.lines.find((l) => l.level === 'error' && (l.obj as { code?: number }).code === code);
    expect(logged?.msg).toContain(`Kênh Zalo đã dừng (mã ${code})`);
    // the core still works; the Zalo asker's answer stays on the ticket
    const outs = await h.core.handle({ chat: { platform: 'telegram', id: '9001', kind: 'private' }, sender: { id: '9001', name: 'T' }, text: `/traloi ${ticket.id} Không được.`, addressed: true });
    expect(outs.map((o) => toPlainText(o.message))).toContain(`✅ Đã trả lời phiếu #${ticket.id} và gửi đến 0 người hỏi. 1 người chưa gửi được (kênh của họ không chạy; câu trả lời vẫn lưu trên phiếu).`);
    expect(h.core.desk.get(ticket.id)!.status).toBe('answered');
  });

  it('an expired session (code 102 on send) stops the channel with the "npm run zalo:login" advice', async () => {
    const h = await setup();
    h.port.failures.push(new ZaloApiError('Phiên đăng nhập hết hạn', 102));
    await h.receive(userMessage('Đi làm quên đeo thẻ có sao không'));
    await vi.waitFor(() => expect(h.telegram.alerts).toHaveLength(1));
    expect(h.telegram.alerts[0]).toContain('npm run zalo:login');
    expect(h.channel.isRunning).toBe(false);
    expect(h.channel.stopReason).toContain('hết hạn');
    expect(h.port.textsTo(USER)).toEqual([]);
  });

  it('re-saves the cookie jar every few minutes and on stop, owner-only', async () => {
    const file = credentialsPath(await tempDir('congvu-zalo-cookie-'));
    await saveCredentials(file, { imei: 'imei-1', userAgent: 'UA', language: 'vi', cookie: [{ key: 'old' }] });
    const saves: unknown[][] = [];
    const h = await setup({
      saveEveryMs: 5 * 60_000,
      saveCookies: async (cookie) => {
        saves.push(cookie);
        await saveCredentials(file, { imei: 'imei-1', userAgent: 'UA', language: 'vi', cookie });
      },
    });
    await seconds(4 * 60);
    expect(saves).toHaveLength(0);
    await seconds(60);
    expect(saves).toHaveLength(1);
    h.port.cookies = [{ key: 'zpw_sek', value: 'moi' }];
    await h.channel.stop();
    expect(saves).toHaveLength(2);
    expect((await loadCredentials(file))?.cookie).toEqual([{ key: 'zpw_sek', value: 'moi' }]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8')).imei).toBe('imei-1');
    await removeDir(path.dirname(file));
  });
});
