import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CookieJar } from 'tough-cookie';
import { afterEach, describe, expect, it } from 'vitest';
import { API } from 'zca-js';
import { classifySendError } from '../../src/channels/zalo/outbox.js';
import { portFromApi, type ZaloPort } from '../../src/channels/zalo/port.js';
import { OWN } from './helpers.js';

/**
 * A "Zalo" on loopback for zca-js's real API and Listener: HTTP endpoints answer with
 * Zalo's JSON envelope; websocket upgrades are accepted and then nothing is ever sent
 * back, not even the acknowledgement of a close: the peer of issue 17.
 */
class LoopbackZalo {
  private readonly server = http.createServer((req, res) => this.answer(req, res));
  /** sockets of the listener open now, and the most at once */
  readonly sockets = new Set<Socket>();
  maxOpen = 0;
  private readonly all = new Set<Socket>();
  /** the Cookie header of each websocket upgrade */
  readonly upgradeCookies: string[] = [];
  /** what the profile endpoint (fetchAccountInfo) answers */
  profileAnswer: object = { error_code: 0, data: {} };
  base = '';

  async start(): Promise<void> {
    this.server.on('upgrade', (req, socket: Socket) => {
      const accept = createHash('sha1')
        .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
        .digest('base64');
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      this.upgradeCookies.push(String(req.headers.cookie ?? ''));
      this.sockets.add(socket);
      this.all.add(socket);
      this.maxOpen = Math.max(this.maxOpen, this.sockets.size);
      socket.on('data', () => {}); // frames, close frames included, are never answered
      socket.on('error', () => {});
      // the client's end of the connection is gone when it sends FIN (the server side would follow)
      socket.on('end', () => this.sockets.delete(socket));
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.base);
    if (url.pathname.endsWith('/keepalive')) {
      res.setHeader('Set-Cookie', 'zpw_sek=lam-moi; Domain=chat.zalo.me; Path=/; Secure; HttpOnly');
      res.end(JSON.stringify({ error_code: 0, error_message: '', data: { config_vesion: 1 } }));
    } else if (url.pathname.endsWith('/profile/me-v2')) {
      res.end(JSON.stringify(this.profileAnswer));
    } else {
      res.statusCode = 404;
      res.end();
    }
  }

  async stop(): Promise<void> {
    for (const s of this.all) s.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** zca-js's own API over a session context pointing at the loopback server. */
function apiOn(zalo: LoopbackZalo): API {
  const cookie = new CookieJar();
  cookie.setCookieSync('zpw_sek=cu; Domain=chat.zalo.me; Path=/; Secure', 'https://chat.zalo.me');
  const ctx = {
    API_TYPE: 30,
    API_VERSION: 685,
    uploadCallbacks: new Map(),
    options: { selfListen: false, checkUpdate: false, logging: false, polyfill: fetch },
    secretKey: Buffer.alloc(16, 7).toString('base64'),
    cookie,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) congvu-bot-test',
    imei: 'imei-test',
    uid: OWN,
    language: 'vi',
    settings: { features: { socket: { retries: {}, close_and_retry_codes: [], rotate_error_codes: [], ping_interval: 60_000 } } },
  };
  // every service (chat, profile, …) is the loopback server
  const services = new Proxy({}, { get: () => [zalo.base] });
  return new API(ctx as never, services as never, [`${zalo.base.replace('http', 'ws')}/ws`]);
}

function next(port: ZaloPort, event: 'connected' | 'closed'): Promise<void> {
  return new Promise((resolve) => {
    const handler = () => {
      port.off(event, handler);
      resolve();
    };
    port.on(event, handler);
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

const running: LoopbackZalo[] = [];

async function loopback(): Promise<LoopbackZalo> {
  const zalo = new LoopbackZalo();
  await zalo.start();
  running.push(zalo);
  return zalo;
}

afterEach(async () => {
  for (const z of running.splice(0)) await z.stop();
});

describe('the Zalo port over zca-js (real API and Listener, loopback server)', () => {
  it('a restart closes the old socket before a new one can open, even when the peer never acknowledges the close', async () => {
    const zalo = await loopback();
    const api = apiOn(zalo);
    const port = portFromApi(api);
    port.startListener();
    await next(port, 'connected');
    expect(zalo.sockets.size).toBe(1);

    const closed = next(port, 'closed');
    expect(port.stopListener()).toBe(true);
    // until the old socket's close has run, zca-js refuses a second one
    expect(() => port.startListener()).toThrow('Already started');
    await closed;
    await until(() => zalo.sockets.size === 0);
    port.startListener();
    await next(port, 'connected');
    expect(zalo.sockets.size).toBe(1);
    expect(zalo.maxOpen).toBe(1);
    expect(port.stopListener()).toBe(true);
    await next(port, 'closed');
    expect(port.stopListener()).toBe(false); // nothing left to close
  });

  it('why: zca-js\'s own stop() lets a new socket open while the old one still waits for the acknowledgement', async () => {
    const zalo = await loopback();
    const api = apiOn(zalo);
    const port = portFromApi(api);
    port.startListener();
    await next(port, 'connected');
    api.listener.stop();
    port.startListener();
    await next(port, 'connected');
    expect(zalo.sockets.size).toBe(2); // the old one waits (up to 30 s) for an acknowledgement that never comes
    expect(zalo.maxOpen).toBe(2);
  });

  it('keep-alive takes the cookies Zalo refreshes; the next listener presents them', async () => {
    const zalo = await loopback();
    const port = portFromApi(apiOn(zalo));
    port.startListener();
    await next(port, 'connected');
    expect(zalo.upgradeCookies[0]).toContain('zpw_sek=cu');
    await port.keepAlive();
    expect(port.getCookies()).toContainEqual(expect.objectContaining({ key: 'zpw_sek', value: 'lam-moi', domain: 'chat.zalo.me' }));
    const closed = next(port, 'closed');
    port.stopListener();
    await closed;
    port.startListener();
    await next(port, 'connected');
    expect(zalo.upgradeCookies[1]).toContain('zpw_sek=lam-moi');
    port.stopListener();
  });

  it('the session check: Zalo refusing the session (600) reads as a lost session, a dead network does not', async () => {
    const zalo = await loopback();
    const port = portFromApi(apiOn(zalo));
    zalo.profileAnswer = { error_code: 600, error_message: 'zpw_sek bị thiếu hoặc không đúng', data: null };
    const refused = await port.checkSession().catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 600 });
    expect(classifySendError(refused)).toBe('session');
    await zalo.stop();
    running.length = 0;
    const offline = await port.checkSession().catch((e: unknown) => e);
    expect(offline).toBeInstanceOf(Error);
    expect(classifySendError(offline)).toBe('transient');
  });
});
