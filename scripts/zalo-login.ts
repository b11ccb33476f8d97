/**
 * npm run zalo:login: logs the bot's dedicated Zalo account in by QR code and saves
 * the session to DATA_DIR/zalo-credentials.json (owner-only). Never prints a secret.
 */
import 'dotenv/config';
import { Zalo } from 'zca-js';
import { ConfigError, loadConfig } from '../src/config.js';
import { qrLogin, QrLoginError } from '../src/channels/zalo/qr-login.js';
import { ZALO_OPTIONS } from '../src/channels/zalo/session.js';

async function main(): Promise<number> {
  let dataDir: string;
  try {
    dataDir = loadConfig().dataDir;
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  console.log('Đăng nhập Zalo cho bot. Chỉ dùng tài khoản Zalo riêng cho bot, không dùng tài khoản cá nhân.');
  try {
    const { file, ownId } = await qrLogin({
      dataDir,
      out: (text) => console.log(text),
      loginQR: async (options, callback) => {
        const api = await new Zalo(ZALO_OPTIONS).loginQR(options, callback);
        return { ownId: String(api.getOwnId()), cookies: api.getCookie().toJSON()?.cookies ?? [] };
      },
    });
    console.log(`\n✅ Đăng nhập thành công (ID tài khoản bot: ${ownId}).`);
    console.log(`Phiên đăng nhập đã lưu vào ${file} (chỉ chủ sở hữu đọc được). Không chia sẻ tệp này.`);
    console.log('Đặt ZALO_ENABLED=true trong .env rồi chạy: npm start');
    console.log('Lưu ý: đừng mở Zalo Web bằng tài khoản này ở nơi khác, bot sẽ bị ngắt (mã 3000/3003).');
    return 0;
  } catch (e) {
    if (e instanceof QrLoginError) {
      console.error(`\n❌ ${e.message}`);
      return 1;
    }
    throw e;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`Lỗi không mong đợi: ${(e as Error).message ?? e}`);
    process.exit(1);
  },
);
