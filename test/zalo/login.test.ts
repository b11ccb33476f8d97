import { access, chmod, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LoginQRCallbackEventType, type LoginQRCallback } from 'zca-js';
import { credentialsPath, CredentialsError, loadCredentials, QR_FILE, saveCredentials } from '../../src/channels/zalo/credentials.js';
import { qrLogin, QrLoginError, type LoginQR } from '../../src/channels/zalo/qr-login.js';
import { decodePng, qrModules, renderModules } from '../../src/channels/zalo/qr-terminal.js';
import { removeDir, tempDir } from '../helpers/temp.js';

let root: string;

beforeAll(async () => {
  root = await tempDir('congvu-zalo-login-');
});

afterAll(async () => {
  await removeDir(root);
});

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

// ── a tiny PNG encoder, to feed the decoder realistic files ─────────────────

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA (colour type 6) or grey (0) PNG, each row with a different filter (0–4) to exercise them all. */
function encodePng(width: number, height: number, pixel: (x: number, y: number) => number, colorType: 0 | 6): Buffer {
  const channels = colorType === 6 ? 4 : 1;
  const stride = width * channels;
  const raw: number[] = [];
  let previous = new Array<number>(stride).fill(0);
  for (let y = 0; y < height; y++) {
    const line: number[] = [];
    for (let x = 0; x < width; x++) {
      const v = pixel(x, y);
      if (colorType === 6) line.push(v, v, v, 255);
      else line.push(v);
    }
    const filter = y % 5;
    raw.push(filter);
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? line[i - channels]! : 0;
      const up = previous[i]!;
      const upLeft = i >= channels ? previous[i - channels]! : 0;
      const p = left + up - upLeft;
      const pa = Math.abs(p - left);
      const pb = Math.abs(p - up);
      const pc = Math.abs(p - upLeft);
      const predictor = [0, left, up, (left + up) >> 1, pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft][filter]!;
      raw.push((line[i]! - predictor + 256) & 0xff);
    }
    previous = line;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(raw))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 25×25 (version 2) QR-like grid: the three finder patterns, pseudo-random modules elsewhere. */
function sampleGrid(): boolean[][] {
  const n = 25;
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 1) === 1;
  const finder = (x: number, y: number) => {
    const d = Math.max(Math.abs(x - 3), Math.abs(y - 3));
    return d === 3 || d <= 1;
  };
  return Array.from({ length: n }, (_, y) =>
    Array.from({ length: n }, (_, x) => {
      if (x < 8 && y < 8) return x < 7 && y < 7 && finder(x, y);
      if (x >= n - 8 && y < 8) return x >= n - 7 && y < 7 && finder(x - (n - 7), y);
      if (x < 8 && y >= n - 8) return x < 7 && y >= n - 7 && finder(x, y - (n - 7));
      return random();
    }),
  );
}

function qrPng(grid: boolean[][], scale: number, margin: number, colorType: 0 | 6): Buffer {
  const size = grid.length * scale + 2 * margin;
  return encodePng(
    size,
    size,
    (x, y) => {
      const gx = Math.floor((x - margin) / scale);
      const gy = Math.floor((y - margin) / scale);
      return grid[gy]?.[gx] && x >= margin && y >= margin ? 0 : 255;
    },
    colorType,
  );
}

describe('Zalo credentials file', () => {
  it('is written owner-only (0600), also over an existing world-readable file, and read back', async () => {
    const file = credentialsPath(path.join(root, 'data-a'));
    const credentials = { imei: 'imei-123', userAgent: 'Mozilla/5.0', language: 'vi', cookie: [{ key: 'zpw_sek', value: 'bi-mat', domain: 'chat.zalo.me' }] };
    await saveCredentials(file, credentials);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadCredentials(file)).toEqual(credentials);

    await chmod(file, 0o644);
    await saveCredentials(file, { ...credentials, cookie: [{ key: 'zpw_sek', value: 'moi' }] });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await loadCredentials(file))!.cookie).toEqual([{ key: 'zpw_sek', value: 'moi' }]);
  });

  it('a missing file is no session; a broken one is explained', async () => {
    const dir = path.join(root, 'data-b');
    expect(await loadCredentials(credentialsPath(dir))).toBeUndefined();
    await saveCredentials(credentialsPath(dir), { imei: 'x', userAgent: 'y', language: 'vi', cookie: [{}] });
    await writeFile(credentialsPath(dir), '{"imei": "x"}');
    await expect(loadCredentials(credentialsPath(dir))).rejects.toBeInstanceOf(CredentialsError);
    await expect(loadCredentials(credentialsPath(dir))).rejects.toThrow('npm run zalo:login');
  });
});

describe('QR login (npm run zalo:login)', () => {
  const PNG = qrPng(sampleGrid(), 6, 12, 6).toString('base64');
  const noop = () => {};

  function generated(actions: { retry?: () => unknown; abort?: () => unknown } = {}) {
    return {
      type: LoginQRCallbackEventType.QRCodeGenerated as const,
      data: { code: 'poll-token', image: `data:image/png;base64,${PNG}`, options: { enabledCheckOCR: false, enabledMultiLayer: false }, token: 't' },
      actions: { saveToFile: async () => {}, retry: actions.retry ?? noop, abort: actions.abort ?? noop },
    };
  }

  it('shows the QR in the terminal and as a PNG, regenerates it on expiry, and saves the session owner-only', async () => {
    const dataDir = path.join(root, 'login-ok');
    const out: string[] = [];
    let retries = 0;
    let pngSeen = false;
    const loginQR: LoginQR = async (options, callback: LoginQRCallback) => {
      callback(generated());
      callback({ type: LoginQRCallbackEventType.QRCodeExpired, data: null, actions: { retry: () => retries++, abort: noop } });
      expect(retries).toBe(1); // retried at once, inside the callback
      callback(generated());
      // the PNG is written in the background: wait for it (a fixed pause was flaky on a busy machine)
      await vi.waitFor(async () => expect((await readFile(options.qrPath).catch(() => Buffer.alloc(0))).equals(Buffer.from(PNG, 'base64'))).toBe(true));
      pngSeen = true;
      callback({ type: LoginQRCallbackEventType.QRCodeScanned, data: { avatar: '', display_name: 'Bot Văn Hóa' }, actions: { retry: noop, abort: noop } });
      callback({ type: LoginQRCallbackEventType.GotLoginInfo, data: { cookie: [{ key: 'a', value: 'old-cookie' }] as never, imei: 'imei-qr', userAgent: 'UA-qr' }, actions: null });
      return { ownId: '8123456789012345678', cookies: [{ key: 'zpw_sek', value: 'fresh-cookie' }] };
    };
    const r = await qrLogin({ dataDir, loginQR, out: (t) => out.push(t) });
    expect(pngSeen).toBe(true);
    expect(r).toEqual({ file: credentialsPath(dataDir), ownId: '8123456789012345678' });
    expect((await stat(r.file)).mode & 0o777).toBe(0o600);
    expect(await loadCredentials(r.file)).toEqual({ imei: 'imei-qr', userAgent: 'UA-qr', language: 'vi', cookie: [{ key: 'zpw_sek', value: 'fresh-cookie' }] });
    expect(await exists(path.join(dataDir, QR_FILE))).toBe(false); // the QR image is removed after use
    const printed = out.join('\n');
    expect(printed).toContain('lần 1/5');
    expect(printed).toContain('Mã QR đã hết hạn: đang tạo mã mới…');
    expect(printed).toContain('lần 2/5');
    expect(printed).toContain('▀');
    expect(printed).toContain(path.join(dataDir, QR_FILE));
    expect(printed).toContain('Đã quét mã bởi "Bot Văn Hóa"');
    expect(printed).not.toContain('fresh-cookie');
    expect(printed).not.toContain('imei-qr');
  });

  it('a scan declined on the phone ends the login with a clear message, nothing saved', async () => {
    const dataDir = path.join(root, 'login-declined');
    let aborted = 0;
    const loginQR: LoginQR = (_options, callback) =>
      new Promise((_resolve, reject) => {
        callback(generated());
        callback({
          type: LoginQRCallbackEventType.QRCodeDeclined,
          data: { code: 'x' },
          actions: {
            retry: noop,
            abort: () => {
              aborted++;
              reject(new Error('Operation aborted'));
            },
          },
        });
      });
    await expect(qrLogin({ dataDir, loginQR, out: noop })).rejects.toThrow(new QrLoginError('Đăng nhập đã bị từ chối trên điện thoại. Không có gì được lưu. Chạy lại "npm run zalo:login" để thử lại.'));
    expect(aborted).toBe(1);
    expect(await exists(credentialsPath(dataDir))).toBe(false);
  });

  it('gives up after a few expired codes nobody scanned', async () => {
    const loginQR: LoginQR = (_options, callback) =>
      new Promise((_resolve, reject) => {
        const round = () => {
          callback(generated());
          callback({ type: LoginQRCallbackEventType.QRCodeExpired, data: null, actions: { retry: round, abort: () => reject(new Error('aborted')) } });
        };
        round();
      });
    await expect(qrLogin({ dataDir: path.join(root, 'login-expired'), loginQR, out: noop, maxQrCodes: 3 })).rejects.toThrow('Mã QR đã hết hạn 3 lần mà chưa được quét');
  });
});

describe('QR code in the terminal', () => {
  it.each([
    ['RGBA', 6 as const, 6, 12],
    ['grey', 0 as const, 4, 20],
  ])('reads the modules back from a %s PNG and draws them with half blocks', (_name, colorType, scale, margin) => {
    const grid = sampleGrid();
    const image = decodePng(qrPng(grid, scale, margin, colorType));
    expect(image.width).toBe(25 * scale + 2 * margin);
    expect(qrModules(image)).toEqual(grid);
    const drawn = renderModules(grid);
    expect(drawn.split('\n')).toHaveLength(Math.ceil((25 + 4) / 2));
    expect(drawn.split('\n')[0]!.match(/▀/g)).toHaveLength(25 + 4);
  });

  it('refuses what is not a PNG', () => {
    expect(() => decodePng(Buffer.from('not a png'))).toThrow('không phải tệp PNG');
  });
});
