import { Composer } from 'grammy';
import type { InlineKeyboardMarkup, Message as TgMessage } from 'grammy/types';
import { passageMessage } from '../../answer/reply.js';
import type { Passage } from '../../knowledge/types.js';
import type { Asker } from '../../store/store.js';
import { displayName, questionText, topicOf, type BotContext, type TelegramDeps } from './context.js';
import { passageRef, resolvePassage, type RecentQuestion } from './memory.js';
import { button } from './render.js';
import { escalatedByButton, STALE_BUTTON } from './texts.js';

/**
 * Buttons under the bot's answers. Callback data (≤ 64 bytes):
 *   p:<passage ref>:<key>    show this suggested entry
 *   f:+:<passage ref>:<key>  👍   f:-:<passage ref>:<key>  👎 (also escalates)
 *   e:<key>                  ask a person
 * <key> points to the question in RecentQuestions; <passage ref> is a hash of the passage id.
 */
export function answerKeyboard(key: string, passage: Passage): InlineKeyboardMarkup {
  const ref = passageRef(passage.id);
  return {
    inline_keyboard: [
      [button('👍 Hữu ích', `f:+:${ref}:${key}`), button('👎 Chưa đúng', `f:-:${ref}:${key}`)],
      [button('🙋 Hỏi cán bộ hỗ trợ', `e:${key}`)],
    ],
  };
}

export function suggestionKeyboard(key: string, choices: Passage[]): InlineKeyboardMarkup {
  return {
    inline_keyboard: [
      ...choices.map((p, i) => [button(`${i + 1}. ${p.title}`, `p:${passageRef(p.id)}:${key}`)]),
      [button('Không đúng, hỏi cán bộ hỗ trợ', `e:${key}`)],
    ],
  };
}

/** The message the buttons are on, when Telegram still gives it to us. */
function buttonMessage(ctx: BotContext): TgMessage | undefined {
  const m = ctx.callbackQuery?.message;
  return m && m.date !== 0 ? (m as TgMessage) : undefined;
}

/** The question behind a button: from memory, or (after a restart) from the message the answer replies to. */
function originOf(ctx: BotContext, deps: TelegramDeps, key: string): { origin: RecentQuestion; key: string } | undefined {
  const known = deps.recent.get(key);
  if (known) return { origin: known, key };
  const m = buttonMessage(ctx);
  const q = m?.reply_to_message;
  const text = q?.text ? questionText(q.text, q.entities, ctx.me) : '';
  if (!m || !q || !text) return undefined;
  const origin: RecentQuestion = { question: text, chatId: String(m.chat.id), threadId: topicOf(m), messageId: String(q.message_id) };
  return { origin, key: deps.recent.remember(origin) };
}

async function escalate(ctx: BotContext, deps: TelegramDeps, origin: RecentQuestion): Promise<void> {
  const m = buttonMessage(ctx);
  const chat = m?.chat;
  const asker: Asker = {
    platform: 'telegram',
    chatId: origin.chatId,
    chatKind: chat?.type === 'private' ? 'private' : 'group',
    chatTitle: chat && chat.type !== 'private' ? chat.title : undefined,
    threadId: origin.threadId,
    userId: String(ctx.from?.id ?? 'unknown'),
    userName: displayName(ctx.from),
    messageId: origin.messageId,
    askedAt: new Date().toISOString(),
  };
  // Give moderators the bot's guesses: the entry it answered with, or its suggestions.
  const decision = deps.assistant.engine.ask(origin.question);
  const guesses = decision.passage ? [decision.passage] : decision.suggestions;
  const { ticket, joined } = await deps.assistant.escalate(origin.question, asker, { ...decision, suggestions: guesses });
  await ctx.answerCallbackQuery({ text: `Đã chuyển đến cán bộ hỗ trợ (phiếu #${ticket.id}).` });
  await deps.channel.send({ chatId: origin.chatId, threadId: origin.threadId, replyTo: origin.messageId }, escalatedByButton(ticket.id, joined));
}

export function feedbackComposer(deps: TelegramDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();

  // A suggested entry chosen: answer with it, as a reply to the question.
  c.callbackQuery(/^p:([\w-]{10}):([\w-]+)$/, deps.limiter, async (ctx) => {
    const passage = resolvePassage(deps.assistant.engine.knowledge.passages, ctx.match[1]!);
    const found = originOf(ctx, deps, ctx.match[2]!);
    const m = buttonMessage(ctx);
    if (!passage || !m) return void (await ctx.answerCallbackQuery({ text: STALE_BUTTON, show_alert: true }));
    await ctx.answerCallbackQuery();
    const key = found?.key ?? deps.recent.remember({ question: passage.title, chatId: String(m.chat.id), threadId: topicOf(m), messageId: String(m.message_id) });
    await deps.channel.send(
      { chatId: String(m.chat.id), threadId: topicOf(m), replyTo: found?.origin.messageId ?? String(m.message_id) },
      passageMessage(passage),
      { markup: answerKeyboard(key, passage) },
    );
  });

  // 👍 / 👎: stored; 👎 also hands the question to a person.
  c.callbackQuery(/^f:([+-]):([\w-]{10}):([\w-]+)$/, deps.limiter, async (ctx) => {
    const helpful = ctx.match[1] === '+';
    const ref = ctx.match[2]!;
    const found = originOf(ctx, deps, ctx.match[3]!);
    const m = buttonMessage(ctx);
    const answerId = m ? `${m.chat.id}:${m.message_id}` : ctx.match[3]!;
    if (!deps.recent.vote(answerId, String(ctx.from.id))) {
      return void (await ctx.answerCallbackQuery({ text: 'Bạn đã đánh giá câu trả lời này rồi. Cảm ơn bạn!' }));
    }
    const passageId = resolvePassage(deps.assistant.engine.knowledge.passages, ref)?.id ?? `ref:${ref}`;
    await deps.assistant.desk.recordFeedback({ platform: 'telegram', userId: String(ctx.from.id), passageId, question: found?.origin.question, helpful });
    if (helpful) return void (await ctx.answerCallbackQuery({ text: 'Cảm ơn bạn đã đánh giá! 👍' }));
    if (!found) return void (await ctx.answerCallbackQuery({ text: `Đã ghi nhận góp ý. ${STALE_BUTTON}`, show_alert: true }));
    await escalate(ctx, deps, found.origin);
  });

  // "Hỏi cán bộ hỗ trợ" / "Không đúng, hỏi cán bộ hỗ trợ".
  c.callbackQuery(/^e:([\w-]+)$/, deps.limiter, async (ctx) => {
    const found = originOf(ctx, deps, ctx.match[1]!);
    if (!found) return void (await ctx.answerCallbackQuery({ text: STALE_BUTTON, show_alert: true }));
    await escalate(ctx, deps, found.origin);
  });

  return c;
}
