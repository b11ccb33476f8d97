import type { Conversation } from './conversation.js';
import { ASK_USAGE, idsMessage, pendingMessage, reloadMessage, statsMessage } from './texts.js';
import type { Inbound, Outbound, Role } from './types.js';

/** Which command menus list a command (Telegram's setMyCommands scopes; /help everywhere). */
export type MenuPlace = 'private' | 'group' | 'moderators' | 'admin';

export interface CommandContext {
  inbound: Inbound;
  role: Role;
  core: Conversation;
}

/**
 * One command: its name and aliases, who may run it, where, how its arguments are read,
 * what it does, and its Vietnamese help line. `/help` and the Telegram menus are made from this table.
 */
export interface Command<A = unknown> {
  name: string;
  aliases?: string[];
  role: Role;
  /** 'staff': only in the moderators' chat or an admin's private chat (it shows other people's questions) */
  where?: 'anywhere' | 'staff';
  /** argument syntax shown in help and usage errors */
  usage?: string;
  help: string;
  menu: MenuPlace[];
  /** undefined: the arguments are wrong, the usage is shown */
  parse(args: string): A | undefined;
  run(ctx: CommandContext, args: A): Promise<Outbound[]>;
}

/** Keeps each command's argument type checked against its handler. */
export function defineCommand<A>(c: Command<A>): Command {
  return c as Command;
}

const raw = (args: string) => args;
/** "#12 nội dung" / "12 nội dung" → { id: 12, rest: "nội dung" }. */
function ticketAndRest(args: string): { id: number; rest: string } | undefined {
  const m = /^\s*#?(\d+)(?:\s+([\s\S]*))?$/.exec(args);
  return m ? { id: Number(m[1]), rest: (m[2] ?? '').trim() } : undefined;
}

export const COMMANDS: Command[] = [
  defineCommand({
    name: 'start',
    role: 'anyone',
    help: 'Giới thiệu trợ lý',
    menu: ['private', 'admin'],
    parse: raw,
    run: async ({ core, inbound, role }) => [core.reply(inbound, core.helpMessage(inbound, role))],
  }),
  defineCommand({
    name: 'hoi',
    role: 'anyone',
    usage: '<câu hỏi>',
    help: 'Hỏi về văn hóa công vụ, cải cách hành chính',
    menu: ['private', 'group', 'moderators', 'admin'],
    parse: raw,
    run: async ({ core, inbound }, question) => {
      if (question.trim()) return core.ask(inbound, question, inbound.messageId);
      // "/hoi" as a reply to a colleague's question: answer that question, quoting it.
      const quoted = inbound.replyTo;
      if (quoted && !quoted.fromBot && quoted.text?.trim()) return core.ask(inbound, quoted.text, quoted.messageId);
      return [core.reply(inbound, ASK_USAGE)];
    },
  }),
  defineCommand({
    name: 'help',
    aliases: ['trogiup'],
    role: 'anyone',
    help: 'Hướng dẫn cách hỏi',
    menu: ['private', 'group', 'moderators', 'admin'],
    parse: raw,
    run: async ({ core, inbound, role }) => [core.reply(inbound, core.helpMessage(inbound, role))],
  }),
  defineCommand({
    name: 'id',
    role: 'anyone',
    help: 'Xem mã cuộc trò chuyện và mã người dùng',
    menu: ['private', 'moderators', 'admin'],
    parse: raw,
    run: async ({ core, inbound }) => [core.reply(inbound, idsMessage(inbound.chat.platform, inbound.chat, inbound.sender.id))],
  }),
  defineCommand({
    name: 'hangdoi',
    role: 'moderator',
    where: 'staff',
    help: 'Các câu hỏi đang chờ trả lời',
    menu: ['moderators', 'admin'],
    parse: raw,
    run: async ({ core, inbound }) => [core.reply(inbound, pendingMessage(core.desk.pending(), core.now()))],
  }),
  defineCommand({
    name: 'traloi',
    role: 'moderator',
    usage: '<số phiếu> <nội dung trả lời>',
    help: 'Trả lời phiếu (hoặc trả lời (reply) tin nhắn phiếu)',
    menu: ['moderators', 'admin'],
    parse: (args) => {
      const t = ticketAndRest(args);
      return t && t.rest ? t : undefined;
    },
    run: async ({ core, inbound }, { id, rest }) => core.answerTicket(inbound, id, rest),
  }),
  defineCommand({
    name: 'boqua',
    role: 'moderator',
    usage: '<số phiếu> [lý do]',
    help: 'Bỏ qua phiếu, báo lý do cho người hỏi',
    menu: ['moderators', 'admin'],
    parse: ticketAndRest,
    run: async ({ core, inbound }, { id, rest }) => core.dismissTicket(inbound, id, rest || undefined),
  }),
  defineCommand({
    name: 'themfaq',
    role: 'moderator',
    usage: '<số phiếu>',
    help: 'Đưa câu trả lời của phiếu vào kho FAQ',
    menu: ['moderators', 'admin'],
    parse: (args) => ticketAndRest(args)?.id,
    run: async ({ core, inbound }, id) => core.promote(inbound, id),
  }),
  defineCommand({
    name: 'thongke',
    role: 'moderator',
    where: 'staff',
    help: 'Thống kê hỏi đáp',
    menu: ['moderators', 'admin'],
    parse: raw,
    run: async ({ core, inbound }) => [core.reply(inbound, statsMessage(core.desk.stats()))],
  }),
  defineCommand({
    name: 'reload',
    role: 'admin',
    help: 'Nạp lại kho tri thức (quản trị viên)',
    menu: ['admin'],
    parse: raw,
    run: async ({ core, inbound }) => [core.reply(inbound, reloadMessage(await core.reload()))],
  }),
];

/** "/traloi 12 nội dung" → { name: 'traloi', args: '12 nội dung' }; "/hoi@bot x" works too. */
export function parseCommand(text: string): { name: string; args: string } | undefined {
  const m = /^\/([a-z_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/i.exec(text.trim());
  return m ? { name: m[1]!.toLowerCase(), args: (m[2] ?? '').trim() } : undefined;
}

/** Command menus per place, from the table (Telegram: one setMyCommands per scope). */
export function commandMenu(commands: Command[], place: MenuPlace): { command: string; description: string }[] {
  return commands.filter((c) => c.menu.includes(place)).map((c) => ({ command: c.name, description: c.help }));
}
