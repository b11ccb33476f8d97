import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LoginQRCallbackEventType, type LoginQRCallback } from 'zca-js';
import { credentialsPath, QR_FILE, saveCredentials } from './credentials.js';
import { qrForTerminal } from './qr-terminal.js';

/** What a QR login needs from zca-js: `new Zalo(…).loginQR` and, after it, the account's id and cookies. */
export type LoginQR = (
  options: { language: string; qrPath: string },
  callback: LoginQRCallback,
) => Promise<{ ownId: string; cookies: unknown[] }>;

export interface QrLoginOptions {
  dataDir: string;
  loginQR: LoginQR;
  /** prints a line for the admin (never a secret) */
  out: (text: string) => void;
  /** QR codes generated at most (each lives about 100 s) before giving up */
  maxQrCodes?: number;
}

export class QrLoginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QrLoginError';
  }
}

/**
 * Logs a Zalo account in by QR code and saves its credentials (owner-only file in the
 * data directory). The QR is drawn in the terminal and saved as a PNG next to it; an
 * expired code is replaced by a new one; a scan declined on the phone ends the login.
 */
export async function qrLogin(o: QrLoginOptions): Promise<{ file: string; ownId: string }> {
  const maxQrCodes = o.maxQrCodes ?? 5;
  await mkdir(o.dataDir, { recursive: true });
  const qrPath = path.join(o.dataDir, QR_FILE);
  const file = credentialsPath(o.dataDir);
  let generated = 0;
  let ending: string | undefined;
  let info: { imei: string; userAgent: string; cookie: unknown[] } | undefined;
  let writing: Promise<unknown> = Promise.resolve();

  const callback: LoginQRCallback = (event) => {
    switch (event.type) {
      case LoginQRCallbackEventType.QRCodeGenerated: {
        generated++;
        const image = event.data.image.replace(/^data:image\/\w+;base64,/, '');
        const drawn = qrForTerminal(image);
        writing = writing.then(() => writeFile(qrPath, Buffer.from(image, 'base64'), { mode: 0o600 })).catch(() => {});
        o.out(
          [
            '',
            `Mã QR đăng nhập Zalo (lần ${generated}/${maxQrCodes}, hiệu lực khoảng 100 giây):`,
            drawn ?? '(Không vẽ được mã trong terminal này: hãy mở tệp ảnh bên dưới.)',
            `Ảnh mã QR: ${qrPath}`,
            'Trên điện thoại của TÀI KHOẢN ZALO RIÊNG cho bot: mở Zalo → biểu tượng quét mã QR → quét mã này → bấm Đăng nhập.',
          ].join('\n'),
        );
        return;
      }
      case LoginQRCallbackEventType.QRCodeExpired:
        if (generated >= maxQrCodes) {
          ending = `Mã QR đã hết hạn ${generated} lần mà chưa được quét. Chạy lại "npm run zalo:login" khi đã cầm sẵn điện thoại.`;
          event.actions.abort();
        } else {
          o.out('Mã QR đã hết hạn: đang tạo mã mới…');
          event.actions.retry(); // at once, or the login promise rejects
        }
        return;
      case LoginQRCallbackEventType.QRCodeScanned:
        o.out(`Đã quét mã bởi "${event.data.display_name}". Hãy bấm xác nhận đăng nhập trên điện thoại.`);
        return;
      case LoginQRCallbackEventType.QRCodeDeclined:
        ending = 'Đăng nhập đã bị từ chối trên điện thoại. Không có gì được lưu. Chạy lại "npm run zalo:login" để thử lại.';
        event.actions.abort();
        return;
      case LoginQRCallbackEventType.GotLoginInfo:
        info = { imei: event.data.imei, userAgent: event.data.userAgent, cookie: event.data.cookie };
        return;
    }
  };

  try {
    let result: { ownId: string; cookies: unknown[] };
    try {
      result = await o.loginQR({ language: 'vi', qrPath }, callback);
    } catch (e) {
      if (ending) throw new QrLoginError(ending);
      throw new QrLoginError(`Đăng nhập Zalo không thành công: ${(e as Error).message.split('\n')[0]}`);
    }
    if (!info) throw new QrLoginError('Đăng nhập Zalo không trả về thông tin phiên (imei, user agent).');
    const cookie = result.cookies.length > 0 ? result.cookies : info.cookie;
    await saveCredentials(file, { imei: info.imei, userAgent: info.userAgent, cookie, language: 'vi' });
    return { file, ownId: result.ownId };
  } finally {
    await writing;
    await rm(qrPath, { force: true });
  }
}
