import type { Api } from 'grammy';
import type { BotCommand, BotCommandScope } from 'grammy/types';
import type { Logger } from '../../app/assistant.js';
import { chatIdValue, errText, type TelegramSettings } from './context.js';

const ASK: BotCommand = { command: 'hoi', description: 'Hỏi về văn hóa công vụ, cải cách hành chính' };
const HELP: BotCommand = { command: 'help', description: 'Hướng dẫn cách hỏi' };
const START: BotCommand = { command: 'start', description: 'Giới thiệu trợ lý' };
const DESK: BotCommand[] = [
  { command: 'hangdoi', description: 'Các câu hỏi đang chờ trả lời' },
  { command: 'traloi', description: 'Trả lời phiếu: /traloi <số> <nội dung>' },
  { command: 'boqua', description: 'Bỏ qua phiếu: /boqua <số> [lý do]' },
  { command: 'themfaq', description: 'Đưa câu trả lời của phiếu vào FAQ' },
  { command: 'thongke', description: 'Thống kê hỏi đáp' },
];
const RELOAD: BotCommand = { command: 'reload', description: 'Nạp lại kho tri thức (quản trị viên)' };
const ID: BotCommand = { command: 'id', description: 'Xem mã cuộc trò chuyện và mã người dùng' };

/**
 * The command menus, per scope: officials in private chats and groups, moderators in
 * their chat, admins in their private chat. Scopes only shape the menu (permissions are
 * checked by the handlers); a failure is logged and the bot keeps running.
 */
export function commandMenus(settings: TelegramSettings): { scope: BotCommandScope; commands: BotCommand[] }[] {
  const menus: { scope: BotCommandScope; commands: BotCommand[] }[] = [
    { scope: { type: 'all_private_chats' }, commands: [START, ASK, HELP, ID] },
    { scope: { type: 'all_group_chats' }, commands: [ASK, HELP] },
  ];
  if (settings.moderatorChatId) {
    menus.push({ scope: { type: 'chat', chat_id: chatIdValue(settings.moderatorChatId) }, commands: [...DESK, ASK, HELP, ID] });
  }
  for (const id of settings.adminIds) {
    menus.push({ scope: { type: 'chat', chat_id: Number(id) }, commands: [START, ASK, ...DESK, RELOAD, HELP, ID] });
  }
  return menus;
}

export async function setCommandMenus(api: Api, settings: TelegramSettings, log: Logger): Promise<number> {
  let ok = 0;
  for (const { scope, commands } of commandMenus(settings)) {
    try {
      await api.setMyCommands(commands, { scope });
      ok++;
    } catch (e) {
      // An admin who never opened a chat with the bot gives "chat not found": harmless.
      log.warn({ scope: scope.type, chat: 'chat_id' in scope ? scope.chat_id : undefined, err: errText(e) }, 'setMyCommands failed');
    }
  }
  return ok;
}
