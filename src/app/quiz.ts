import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Message } from '../answer/message.js';
import { passageMessage } from '../answer/reply.js';
import { loadCheckedQuizBank, optionLetter, type QuizItem } from '../quiz/bank.js';
import { BAOCAO_USAGE, buildAdminReport, ketquaMessage, parseKiemtra, parsePeriod, runKiemtra, type KiemtraRequest } from '../quiz/commands.js';
import type { QuizService } from '../quiz/service.js';
import { itemText } from '../quiz/texts.js';
import { chatKey, type Round } from '../quiz/types.js';
import type { Conversation, Logger } from './conversation.js';
import { formatError, KnowledgeInvalidError } from '../knowledge/types.js';
import { defineCommand } from './commands.js';
import type { ChatRef, Inbound, Outbound, OutFile } from './types.js';

const QUIZ_CHOICE = 'quiz';

export interface QuizFeatureOptions {
  /** where report files go on platforms that cannot receive them (console, Zalo) */
  dataDir: string;
  log?: Logger;
}

/**
 * The periodic knowledge check as commands of the core: /kiemtra (admins, in the group),
 * /ketqua (anyone, in a private chat: one's own results), /baocao (admins, in a private chat:
 * names are shown there only). Items posted as text (console) are answered with the core's
 * choices (typed A/B/C/D), one item after the other.
 */
export function installQuiz(core: Conversation, service: QuizService, options: QuizFeatureOptions): void {
  // the bank lives in the knowledge directory: a reload brings its new items and sources
  core.engine.onLoaded(async (k) => {
    try {
      service.reload(await loadCheckedQuizBank(core.engine.knowledgeDir, k.passages), k.passages, k.documents);
    } catch (e) {
      const why = e instanceof KnowledgeInvalidError ? e.errors.map(formatError).join('; ') : (e as Error).message;
      options.log?.warn({ err: why }, 'quiz bank not reloaded; the previous one stays');
    }
  });
  core.addCommand(
    defineCommand<KiemtraRequest | { kind: 'close' }>({
      name: 'kiemtra',
      role: 'admin',
      usage: '[số câu] | lich <lịch> | lich tat | xem | dong | ten bat|tat | diemdat <%> | gio <số giờ>',
      help: 'Kiểm tra kiến thức trong nhóm: mở một đợt, đặt lịch (quản trị viên)',
      menu: ['admin'],
      parse: (args) => (/^(dong|đóng)$/i.test(args.trim()) ? { kind: 'close' } : parseKiemtra(args)),
      run: async ({ inbound }, request) => {
        const { platform, id } = inbound.chat;
        const by = { id: inbound.sender.id, name: inbound.sender.name };
        if (request.kind === 'close') {
          const closed = await service.closeNow(platform, id);
          return [core.reply(inbound, closed ? 'Đã đóng đợt kiểm tra; kết quả vừa được gửi.' : 'Nhóm không có đợt kiểm tra nào đang mở.')];
        }
        return [core.reply(inbound, await runKiemtra(service, platform, id, inbound.chat.title, by, request))];
      },
    }),
  );
  core.addCommand(
    defineCommand({
      name: 'ketqua',
      role: 'anyone',
      help: 'Kết quả kiểm tra kiến thức của bạn và phần nên đọc lại (tin nhắn riêng)',
      menu: ['private', 'admin'],
      parse: (args) => args,
      run: async ({ inbound }) => {
        if (inbound.chat.kind !== 'private') return [core.reply(inbound, 'Kết quả là của riêng bạn: hãy nhắn /ketqua cho trợ lý trong tin nhắn riêng.')];
        const history = service.history(inbound.chat.platform, inbound.sender.id);
        const outs: Outbound[] = [core.reply(inbound, ketquaMessage(service, inbound.chat.platform, inbound.sender.id))];
        // the first thing to re-read, as the bot's normal answer with its citation
        const first = history.missed[0] && service.passageOf(history.missed[0].item);
        if (first) outs.push(core.reply(inbound, passageMessage(first)));
        return outs;
      },
    }),
  );
  core.addCommand(
    defineCommand({
      name: 'baocao',
      role: 'admin',
      usage: '[mã nhóm] [khoảng thời gian]',
      help: 'Báo cáo kiểm tra kiến thức, tệp CSV và biểu đồ (quản trị viên, tin nhắn riêng)',
      menu: ['admin'],
      parse: (args) => args,
      run: async ({ inbound }, args) => {
        const platform = inbound.chat.platform;
        if (inbound.chat.kind !== 'private') {
          return [core.reply(inbound, `Báo cáo có kết quả từng người nên chỉ gửi trong tin nhắn riêng: nhắn cho trợ lý /baocao ${inbound.chat.id}`)];
        }
        const chats = service.chatsWithRounds(platform);
        const [first = '', ...rest] = args.trim().split(/\s+/);
        const named = chats.find((c) => c.chatId === first);
        const chat = named ?? (chats.length === 1 ? chats[0] : undefined);
        if (!chat) {
          const list = chats.map((c) => `• ${c.title ?? c.chatId}: /baocao ${c.chatId}`).join('\n');
          return [core.reply(inbound, chats.length ? `Chọn nhóm:\n${list}` : 'Chưa có nhóm nào làm bài kiểm tra.')];
        }
        const period = parsePeriod(named ? rest.join(' ') : args, core.now());
        if (!period) return [core.reply(inbound, `Cú pháp: ${BAOCAO_USAGE}`)];
        const report = await buildAdminReport(service, platform, chat.chatId, period);
        const files: OutFile[] = [{ ...report.csv, caption: 'Kết quả từng câu trả lời (CSV)' }];
        if (report.chart) files.push({ ...report.chart, image: true, caption: 'Số người tham gia và điểm trung bình theo tuần' });
        if (platform === 'telegram') return [core.reply(inbound, report.message, { files })];
        // no file upload here: the files go to DATA_DIR
        const dir = path.join(options.dataDir, 'bao-cao');
        await mkdir(dir, { recursive: true });
        const written: string[] = [];
        for (const f of files) {
          await writeFile(path.join(dir, f.name), f.bytes);
          written.push(path.join(dir, f.name));
        }
        return [core.reply(inbound, { paragraphs: [...report.message.paragraphs, [{ text: `Tệp đã lưu:\n${written.join('\n')}` }]] })];
      },
    }),
  );

  // items posted as text: a typed letter (or a button) answers, then the next item comes
  core.onChoice(QUIZ_CHOICE, async (inbound, picked) => {
    const { roundId, itemId } = picked.data as { roundId: string; itemId: string };
    const outcome = await service.answer(roundId, itemId, { id: inbound.sender.id, name: inbound.sender.name }, picked.index);
    const said =
      outcome === 'recorded' ? `Đã ghi nhận: ${optionLetter(picked.index)}.` : outcome === 'already' ? 'Bạn đã trả lời câu này rồi.' : outcome === 'closed' ? 'Đợt kiểm tra đã kết thúc.' : 'Câu hỏi này không còn.';
    const round = service.round(roundId);
    // one at a time in a private chat (the console); in a group every item is already posted
    const next = outcome !== 'closed' && round && inbound.chat.kind === 'private' ? nextItem(core, service, inbound, round) : undefined;
    return [core.reply(inbound, said), ...(next ? [next] : [])];
  });
}

/** The next item of a round this person has not answered, with its choices. */
export function nextItem(core: Conversation, service: QuizService, inbound: Inbound, round: Round): Outbound | undefined {
  const answered = new Set(service.answersOf(round.id, inbound.sender.id).map((a) => a.itemId));
  const index = round.itemIds.findIndex((id) => !answered.has(id) && service.bank.byId.has(id));
  if (index < 0) return core.reply(inbound, 'Bạn đã trả lời hết các câu. Kết quả sẽ có khi đợt kiểm tra kết thúc.');
  const item = service.bank.byId.get(round.itemIds[index]!)!;
  const labels = item.options;
  const message = itemText(item, index, round.itemIds.length);
  return {
    to: inbound.chat,
    message: { paragraphs: message.paragraphs.slice(0, 1) },
    ...core.offerChoices(inbound, QUIZ_CHOICE, { labels, keys: labels.map((_, i) => optionLetter(i)), data: labels.map(() => ({ roundId: round.id, itemId: item.id })) }),
  };
}

/**
 * Posts one item as text with the core's choices (A/B/C/D): where a platform has no polls
 * (a Zalo poll that could not be created), a reply quoting the item with a letter answers it.
 */
export function textItemPoster(core: Conversation) {
  return async (chat: ChatRef, round: Round, index: number, item: QuizItem): Promise<void> => {
    const offerTo: Inbound = { chat, sender: { id: 'quiz', name: 'quiz' }, text: '', addressed: true };
    const message = itemText(item, index, round.itemIds.length);
    await core.dispatch([
      {
        to: chat,
        message: { paragraphs: message.paragraphs.slice(0, 1) },
        ...core.offerChoices(offerTo, QUIZ_CHOICE, { labels: item.options, keys: item.options.map((_, i) => optionLetter(i)), data: item.options.map(() => ({ roundId: round.id, itemId: item.id })) }),
      },
    ]);
  };
}

/** The console's port: the intro, then the first item with choices; each answer brings the next. */
export function consoleQuizPort(core: Conversation, service: QuizService, chat: ChatRef, person: { id: string; name: string }) {
  const inbound = (): Inbound => ({ chat, sender: person, text: '', addressed: true });
  return {
    async postRound({ round, intro }: { round: Round; intro: Message }) {
      await core.dispatch([{ to: chat, message: intro }]);
      const first = nextItem(core, service, inbound(), round);
      if (first) await core.dispatch([first]);
      return round.itemIds.map((itemId) => ({ itemId, messageId: `${chatKey('console', chat.id)}:${round.id}:${itemId}` }));
    },
    async closeRound({ message }: { message: Message }) {
      await core.dispatch([{ to: chat, message }]);
    },
  };
}

