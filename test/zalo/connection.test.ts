import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ThreadType, ZaloApiError } from 'zca-js';
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
  for (const h of open.splice(0)) await h.channel.stop();
  vi.useRealTimers();
});

afterAll(async () => {
  await removeDir(kb);
  await removeDir(data);
});

/** The channel on fake timers (pacing off), so back-off, the watchdog and late closes run in virtual time. */
async function setup(options: Parameters<typeof harness>[2] = {}): Promise<Harness> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  const h = await harness(kb, data, options);
  open.push(h);
  return h;
}

const seconds = (s: number) => vi.advanceTimersByTimeAsync(s * 1000);
const minutes = (m: number) => seconds(m * 60);

/** Advances virtual time a second at a time until the condition holds (at most `limitS` seconds). */
async function until(condition: () => boolean, limitS = 3600): Promise<void> {
  for (let i = 0; i < limitS && !condition(); i++) await seconds(1);
  expect(condition()).toBe(true);
}

/** The admin alert says the session is gone and what to do. */
function expectLoginAgainAlert(h: Harness): void {
  expect(h.telegram.alerts).toHaveLength(1);
  expect(h.telegram.alerts[0]).toContain('Phiên đăng nhập Zalo của bot đã hết hạn');
  expect(h.telegram.alerts[0]).toContain('đăng nhập lại');
  expect(h.telegram.alerts[0]).toContain('npm run zalo:login');
  expect(h.channel.isRunning).toBe(false);
  expect(h.port.listeners('message')).toBe(0);
  expect(h.port.listeners('closed')).toBe(0);
}

describe('Zalo connection', () => {
  it('reconnects after an abnormal close, backing off exponentially, and resets after a stable connection', async () => {
    const h = await setup();
    expect(h.port.starts).toBe(1);
    h.port.connect();
    h.port.serverClose(1006);
    await seconds(1.999);
    expect(h.port.starts).toBe(1);
    await seconds(0.001);
    expect(h.port.starts).toBe(2);
    // fails again before connecting: the wait doubles
    h.port.serverClose(1006);
    await seconds(3.999);
    expect(h.port.starts).toBe(2);
    await seconds(0.001);
    expect(h.port.starts).toBe(3);
    // a connection that held for a while resets the back-off
    h.port.connect();
    await seconds(60);
    h.port.serverClose(1006, 'abnormal');
    await seconds(2);
    expect(h.port.starts).toBe(4);
    expect(h.log.lines.some((l) => l.msg === 'Zalo: listener bị đóng, sẽ kết nối lại' && (l.obj as { code: number }).code === 1006)).toBe(true);
    expect(h.channel.isRunning).toBe(true);
    expect(h.port.maxOpen).toBe(1);
  });

  it('a listener that cannot start (startListener throws) is tried again later', async () => {
    const h = await setup();
    h.port.serverClose(1006);
    h.port.startFailures.push(new TypeError('fetch failed'));
    await seconds(2);
    expect(h.port.starts).toBe(1); // the failed start opened nothing
    expect(h.log.lines.some((l) => l.msg === 'Không mở được listener Zalo')).toBe(true);
    await seconds(4);
    expect(h.port.starts).toBe(2);
    h.port.connect();
    expect(h.channel.isRunning).toBe(true);
  });

  it('the watchdog counts every listener event, and restarts a silent listener only after the old socket closed', async () => {
    const h = await setup();
    h.port.connect();
    // a quiet group: no message for an hour, but members read, react and type
    const events = ['seen_messages', 'typing', 'reaction', 'delivered_messages'] as const;
    for (const e of events) {
      await minutes(15);
      h.port.emit(e, {});
    }
    expect(h.port.stops).toBe(0);
    // then nothing at all: the listener is presumed dead and stopped
    await minutes(19.5);
    expect(h.port.stops).toBe(0);
    await until(() => h.port.stops === 1, 60);
    // the old socket takes 30 s to report closed; no new socket is even tried meanwhile
    await seconds(29);
    expect(h.port.startAttempts).toBe(1);
    await seconds(1);
    expect(h.port.open).toBe(0);
    await seconds(2);
    expect(h.port.starts).toBe(2);
    expect(h.port.maxOpen).toBe(1);
    // no "connected" this time: after the connect timeout it is restarted too
    await seconds(90);
    expect(h.port.stops).toBe(2);
    await seconds(30 + 2);
    expect(h.port.starts).toBe(3);
    expect(h.port.maxOpen).toBe(1);
  });

  it('a restart never has two listeners open, even when the old socket closes long after the grace period', async () => {
    const h = await setup();
    h.port.closeDelayMs = 2 * 60_000; // a peer that never acknowledges, and a slow teardown
    h.port.connect();
    await until(() => h.port.stops === 1);
    await seconds(44);
    expect(h.port.startAttempts).toBe(1);
    // the grace period runs out: the start is refused while the old socket is current, and retried
    await seconds(110);
    expect(h.log.lines.some((l) => l.msg === 'Zalo: socket cũ chưa báo đóng, vẫn thử kết nối lại')).toBe(true);
    expect(h.log.lines.some((l) => l.msg === 'Không mở được listener Zalo' && String((l.obj as { err: string }).err).includes('Already started'))).toBe(true);
    expect(h.port.starts).toBe(1);
    await until(() => h.port.starts === 2, 120);
    h.port.connect();
    expect(h.port.maxOpen).toBe(1);
    expect(h.channel.isRunning).toBe(true);
  });

  it.each([
    [3000, 'một phiên Zalo Web khác'],
    [3003, 'đăng nhập ở nơi khác'],
  ])('does not reconnect after code %i: stops the Zalo channel, logs it and alerts the admins; the rest keeps running', async (code, why) => {
    const h = await setup();
    h.port.connect();
    await h.receive(groupMessage('Xe công vụ có được chở người nhà đi chơi không?', { mentionBot: true }));
    const ticket = h.core.desk.pending()[0]!;
    h.port.serverClose(code);
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
});

describe('Zalo session expiry', () => {
  it.each([
    ['code 102', new ZaloApiError('Phiên đăng nhập hết hạn', 102)],
    ['code 600', new ZaloApiError('zpw_sek bị thiếu hoặc không đúng', 600)],
  ])('a send refused with %s stops the channel and tells the admins to log in again', async (_name, error) => {
    const h = await setup();
    h.port.connect();
    h.port.failures.push(error);
    await h.receive(userMessage('Đi làm quên đeo thẻ có sao không'));
    await vi.waitFor(() => expect(h.telegram.alerts).toHaveLength(1));
    expectLoginAgainAlert(h);
    expect(h.channel.stopReason).toContain('hết hạn');
    expect(h.port.textsTo(USER)).toEqual([]);
    // no retrying forever: nothing opens again
    await minutes(60);
    expect(h.port.starts).toBe(1);
  });

  it('a keep-alive failing with a "zpw_sek" error and no code stops the channel with the same alert', async () => {
    const h = await setup({ keepAliveEveryMs: 10 * 60_000 });
    h.port.connect();
    h.port.keepAliveFailures.push(new ZaloApiError('Request failed: zpw_sek bị thiếu hoặc không đúng'));
    await minutes(10);
    await vi.waitFor(() => expect(h.telegram.alerts).toHaveLength(1));
    expectLoginAgainAlert(h);
    expect(h.log.lines.some((l) => l.level === 'error' && l.msg?.includes('Phiên đăng nhập Zalo của bot đã hết hạn'))).toBe(true);
  });

  it('a handshake that keeps failing makes the bot check the session; a session Zalo refuses stops the channel', async () => {
    const h = await setup();
    h.port.sessionError = new ZaloApiError('zpw_sek bị thiếu hoặc không đúng', 600);
    // the socket opens and is closed at once, again and again: never connected
    h.port.serverClose(1006);
    await seconds(2);
    h.port.serverClose(1006);
    await seconds(4);
    expect(h.port.sessionChecks).toBe(0);
    h.port.serverClose(1006);
    await vi.waitFor(() => expect(h.telegram.alerts).toHaveLength(1));
    expect(h.port.sessionChecks).toBe(1);
    expectLoginAgainAlert(h);
    // not "still trying": nothing opens again
    const starts = h.port.starts;
    await minutes(60);
    expect(h.port.starts).toBe(starts);
    expect(h.telegram.alerts.some((a) => a.includes('vẫn đang thử'))).toBe(false);
  });

  it('when the session check passes (or the network is down) the reconnects go on', async () => {
    const h = await setup();
    for (let i = 0; i < 3; i++) {
      h.port.serverClose(1006);
      await seconds(2 ** (i + 1));
    }
    expect(h.port.sessionChecks).toBe(1);
    h.port.sessionError = new TypeError('fetch failed');
    for (let i = 3; i < 6; i++) {
      h.port.serverClose(1006);
      await seconds(2 ** (i + 1));
    }
    expect(h.port.sessionChecks).toBe(2);
    expect(h.channel.isRunning).toBe(true);
    expect(h.telegram.alerts).toHaveLength(1);
    expect(h.telegram.alerts[0]).toContain('vẫn đang thử');
    h.port.connect();
    await vi.waitFor(() => expect(h.telegram.alerts).toHaveLength(2));
    expect(h.telegram.alerts[1]).toContain('kết nối lại được');
  });
});

describe('Zalo keep-alive and cookies', () => {
  it('keeps the session alive every few minutes and saves the refreshed cookies owner-only, never logging them', async () => {
    const file = credentialsPath(await tempDir('congvu-zalo-cookie-'));
    await saveCredentials(file, { imei: 'imei-1', userAgent: 'UA', language: 'vi', cookie: [{ key: 'zpw_sek', value: 'cu' }] });
    const saves: unknown[][] = [];
    const h = await setup({
      keepAliveEveryMs: 10 * 60_000,
      saveCookies: async (cookie) => {
        saves.push(cookie);
        await saveCredentials(file, { imei: 'imei-1', userAgent: 'UA', language: 'vi', cookie });
      },
    });
    h.port.connect();
    h.port.refreshedCookies = [{ key: 'zpw_sek', value: 'lam-moi-1', domain: 'chat.zalo.me' }];
    await minutes(9);
    expect(h.port.keepAlives).toBe(0);
    await minutes(1);
    expect(h.port.keepAlives).toBe(1);
    await vi.waitFor(async () => expect((await loadCredentials(file))?.cookie).toEqual([{ key: 'zpw_sek', value: 'lam-moi-1', domain: 'chat.zalo.me' }]));
    expect(saves).toHaveLength(1);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8')).imei).toBe('imei-1');

    // a keep-alive lost to the network is only logged; the next one runs
    h.port.keepAliveFailures.push(new TypeError('fetch failed'));
    await minutes(10);
    expect(h.port.keepAlives).toBe(2);
    expect(h.channel.isRunning).toBe(true);

    // a jar that lost its session cookie never replaces the saved one
    h.port.refreshedCookies = [{ key: 'zpsid', value: 'x' }];
    await minutes(10);
    expect(h.port.keepAlives).toBe(3);
    expect((await loadCredentials(file))?.cookie).toEqual([{ key: 'zpw_sek', value: 'lam-moi-1', domain: 'chat.zalo.me' }]);

    // and on stop the current good cookies are saved
    h.port.cookies = [{ key: 'zpw_sek', value: 'lam-moi-2' }];
    await h.channel.stop();
    expect((await loadCredentials(file))?.cookie).toEqual([{ key: 'zpw_sek', value: 'lam-moi-2' }]);
    const logs = JSON.stringify(h.log.lines);
    expect(logs).not.toContain('lam-moi');
    expect(logs).not.toContain('bi-mat');
    await removeDir(path.dirname(file));
  });
});

describe('Zalo: messages sent during a reconnect', () => {
  it('are fetched once connected again and answered after it; older and already answered ones are not', async () => {
    const h = await setup({ connection: { silentMs: 24 * 60 * 60_000 } });
    // sent long before the bot listened: in Zalo's history, never to be answered now
    const ancient = userMessage('Đi làm quên đeo thẻ có sao không', { from: 4_000_000_000_000_000_444n, name: 'Cũ' });
    h.port.history.push(ancient);
    h.port.connect();
    await minutes(60);
    expect(h.port.oldRequests).toEqual([]); // nothing to catch up on the first connection

    const live = userMessage('Giờ nghỉ trưa có được uống bia không?');
    h.port.userSends(live);
    await h.channel.idle();
    expect(h.port.textsTo(USER)).toHaveLength(1);

    await minutes(5);
    h.port.serverClose(1006);
    await seconds(1);
    const missed = groupMessage('công chức có phải đeo thẻ không', { mentionBot: true });
    h.port.userSends(missed);
    await h.channel.idle();
    expect(h.port.sent.some((s) => s.content.quote?.msgId === String(missed.data.msgId))).toBe(false);

    await seconds(1);
    expect(h.port.starts).toBe(2);
    h.port.connect();
    expect(h.port.oldRequests).toEqual([ThreadType.User, ThreadType.Group]);
    await seconds(1);
    await h.channel.idle();
    const answer = h.port.sent.filter((s) => s.content.quote?.msgId === String(missed.data.msgId));
    expect(answer).toHaveLength(1);
    expect(answer[0]!.content.msg).toContain('Đeo thẻ khi làm việc');
    // the live question was answered once, the ancient one never
    expect(h.port.textsTo(USER)).toHaveLength(1);
    expect(h.port.textsTo('4000000000000000444')).toEqual([]);
    expect(await h.store.questions.readAll()).toHaveLength(2);
  });
});
