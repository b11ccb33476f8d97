import type { Api } from 'grammy';
import type { BotCommand, BotCommandScope } from 'grammy/types';
import { commandMenu, type Command } from '../../app/commands.js';
import type { Logger } from '../../app/conversation.js';
import { chatIdValue, errText, type TelegramSettings } from './context.js';

/**
 * The command menus per scope, made from the core's command table: officials in private
 * chats and groups, moderators in their chat, admins in their private chat. Scopes only
 * shape the menu (the core checks who may run what).
 */
export function commandMenus(commands: Command[], settings: TelegramSettings): { scope: BotCommandScope; commands: BotCommand[] }[] {
  const menus: { scope: BotCommandScope; commands: BotCommand[] }[] = [
    { scope: { type: 'all_private_chats' }, commands: commandMenu(commands, 'private') },
    { scope: { type: 'all_group_chats' }, commands: commandMenu(commands, 'group') },
  ];
  if (settings.moderatorChatId) menus.push({ scope: { type: 'chat', chat_id: chatIdValue(settings.moderatorChatId) }, commands: commandMenu(commands, 'moderators') });
  for (const id of settings.adminIds) menus.push({ scope: { type: 'chat', chat_id: Number(id) }, commands: commandMenu(commands, 'admin') });
  return menus;
}

/** Sets the menus; a failure is logged and the bot keeps running. */
export async function setCommandMenus(api: Api, commands: Command[], settings: TelegramSettings, log: Logger): Promise<number> {
  let ok = 0;
  for (const { scope, commands: list } of commandMenus(commands, settings)) {
    try {
      await api.setMyCommands(list, { scope });
      ok++;
    } catch (e) {
      // An admin who never opened a chat with the bot gives "chat not found": harmless.
      log.warn({ scope: scope.type, chat: 'chat_id' in scope ? scope.chat_id : undefined, err: errText(e) }, 'setMyCommands failed');
    }
  }
  return ok;
}
