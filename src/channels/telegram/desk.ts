import { Composer } from 'grammy';
import { deskErrorText, pendingMessage } from '../../app/texts.js';
import { TICKET_ACTIONS, type Target } from './channel.js';
import { personOf, topicOf, type BotContext, type TelegramDeps } from './context.js';
import { replyTo } from './questions.js';
import { button, escapeHtml, NO_BUTTONS } from './render.js';
import {
  ANSWER_PROMPT,
  ANSWER_USAGE,
  answered,
  DISMISS_PROMPT,
  DISMISS_USAGE,
  NOT_MODERATOR,
  PROMOTE_USAGE,
  TEXT_ONLY_ANSWER,
} from './texts.js';

/** "#12 nội dung" / "12 nội dung" → [12, "nội dung"]. */
function idAndRest(match: string): [number, string] | undefined {
  const m = /^\s*#?(\d+)(?:\s+([\s\S]*))?$/.exec(match);
  return m ? [Number(m[1]), (m[2] ?? '').trim()] : undefined;
}

function userLink(ctx: BotContext): string {
  const from = ctx.from!;
  return `<a href="tg://user?id=${from.id}">${escapeHtml(from.first_name)}</a>`;
}

/**
 * The moderators' desk on Telegram: answer a ticket by replying to its post (or to the
 * "Trả lời" prompt, or /traloi), dismiss with an optional reason ("Bỏ qua" or /boqua),
 * turn an answer into an FAQ entry, list pending tickets. Only members of the moderators'
 * chat (and admins) may act; anyone else is refused and nothing changes.
 */
export function deskComposer(deps: TelegramDeps): Composer<BotContext> {
  const { assistant, roles, channel } = deps;
  const c = new Composer<BotContext>();

  async function allowed(ctx: BotContext): Promise<boolean> {
    if (await roles.isModerator(ctx)) return true;
    deps.log.warn({ userId: ctx.from?.id, chat: ctx.chat?.id }, 'desk action refused: not a moderator');
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: NOT_MODERATOR, show_alert: true });
    else await replyTo(ctx, deps, NOT_MODERATOR);
    return false;
  }

  /** Where to answer the moderator: their message's chat/topic, or the chat of the pressed button. */
  function here(ctx: BotContext): Target {
    const m = ctx.msg ?? ctx.callbackQuery?.message;
    return { chatId: String(ctx.chat!.id), threadId: topicOf(m as Parameters<typeof topicOf>[0]), replyTo: m ? String(m.message_id) : undefined };
  }

  async function say(ctx: BotContext, text: string): Promise<void> {
    await channel.send(here(ctx), { paragraphs: [[{ text }]] });
  }

  async function answer(ctx: BotContext, id: number, text: string): Promise<void> {
    const r = await assistant.answerTicket(id, text, personOf(ctx));
    await say(ctx, r.ok ? answered(id, r.delivered ?? 0, r.failed ?? 0) : deskErrorText(r.error, id));
  }

  async function dismiss(ctx: BotContext, id: number, reason: string | undefined): Promise<string> {
    const r = await assistant.dismissTicket(id, personOf(ctx), reason);
    return r.ok ? `🗑 Đã bỏ qua phiếu #${id}${r.ticket.dismissal?.reason ? ` (lý do: ${r.ticket.dismissal.reason})` : ''} và báo cho người hỏi.` : deskErrorText(r.error, id);
  }

  async function promote(id: number): Promise<string> {
    const r = await assistant.promote(id);
    if (!r.ok) return r.reason;
    const ticket = assistant.desk.get(id);
    if (ticket) await channel.ticketChanged(ticket).catch((e: Error) => deps.log.warn({ ticket: id, err: e.message }, 'ticket post update failed'));
    return `📚 Đã thêm phiếu #${id} vào FAQ (${r.faqId}) và nạp lại kho tri thức: ${r.reload.passageCount} đoạn tra cứu. Lần sau bot sẽ tự trả lời câu hỏi này.`;
  }

  c.command('hangdoi', async (ctx) => {
    if (!(await allowed(ctx))) return;
    await replyTo(ctx, deps, pendingMessage(assistant.desk.pending()));
  });

  c.command('traloi', async (ctx) => {
    if (!(await allowed(ctx))) return;
    const parsed = idAndRest(ctx.match);
    if (!parsed || !parsed[1]) return say(ctx, ANSWER_USAGE);
    await answer(ctx, parsed[0], parsed[1]);
  });

  c.command('boqua', async (ctx) => {
    if (!(await allowed(ctx))) return;
    const parsed = idAndRest(ctx.match);
    if (!parsed) return say(ctx, DISMISS_USAGE);
    await say(ctx, await dismiss(ctx, parsed[0], parsed[1] || undefined));
  });

  c.command('themfaq', async (ctx) => {
    if (!(await allowed(ctx))) return;
    const parsed = idAndRest(ctx.match);
    if (!parsed) return say(ctx, PROMOTE_USAGE);
    await say(ctx, await promote(parsed[0]));
  });

  // Buttons on ticket posts and prompts.
  c.callbackQuery(/^t:([adxf]):(\d+)$/, async (ctx) => {
    if (!(await allowed(ctx))) return;
    const action = ctx.match[1]!;
    const id = Number(ctx.match[2]);
    const ticket = assistant.desk.get(id);
    if (!ticket) return void (await ctx.answerCallbackQuery({ text: deskErrorText('not_found', id), show_alert: true }));
    if ((action === 'a' || action === 'd' || action === 'x') && ticket.status !== 'pending') {
      return void (await ctx.answerCallbackQuery({ text: deskErrorText(ticket.status === 'answered' ? 'already_answered' : 'already_dismissed', id), show_alert: true }));
    }
    switch (action) {
      case 'a':
        await ctx.answerCallbackQuery();
        await channel.sendHtml(here(ctx), `✍️ Trả lời phiếu #${id}: ${userLink(ctx)}, hãy trả lời (reply) tin nhắn này bằng nội dung câu trả lời.`, {
          force_reply: true,
          selective: true,
          input_field_placeholder: `Câu trả lời cho phiếu #${id}`,
        });
        return;
      case 'd':
        await ctx.answerCallbackQuery();
        await channel.sendHtml(
          here(ctx),
          `🗑 Bỏ qua phiếu #${id}: ${userLink(ctx)}, hãy trả lời (reply) tin nhắn này bằng lý do (người hỏi sẽ được báo), hoặc bấm nút dưới đây để bỏ qua không ghi lý do.`,
          { inline_keyboard: [[button('Bỏ qua, không ghi lý do', `${TICKET_ACTIONS.dismissNow}${id}`)]] },
        );
        return;
      case 'x': {
        const text = await dismiss(ctx, id, undefined);
        await ctx.answerCallbackQuery({ text });
        await ctx.editMessageReplyMarkup({ reply_markup: NO_BUTTONS }).catch(() => {});
        return;
      }
      case 'f': {
        await ctx.answerCallbackQuery({ text: 'Đang thêm vào FAQ…' });
        await say(ctx, await promote(id));
        return;
      }
    }
  });

  // A reply to a ticket post or to a prompt: the answer, or the reason for dismissing.
  c.on('message', async (ctx, next) => {
    const r = ctx.msg.reply_to_message;
    if (!r || r.from?.id !== ctx.me.id) return next();
    const posted = assistant.desk.findByPost('telegram', String(ctx.chat.id), String(r.message_id));
    const prompt = r.text ?? '';
    const answerPrompt = ANSWER_PROMPT.exec(prompt);
    const dismissPrompt = DISMISS_PROMPT.exec(prompt);
    if (!posted && !answerPrompt && !dismissPrompt) return next();
    if (!(await allowed(ctx))) return;
    const text = ctx.msg.text?.trim();
    if (dismissPrompt && !posted) {
      const reason = text && text !== '-' ? text : undefined;
      return say(ctx, await dismiss(ctx, Number(dismissPrompt[1]), reason));
    }
    if (!text) return say(ctx, TEXT_ONLY_ANSWER);
    await answer(ctx, posted?.id ?? Number(answerPrompt![1]), text);
  });

  return c;
}
