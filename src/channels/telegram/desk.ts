import { Composer } from 'grammy';
import { deskErrorText, pendingMessage } from '../../app/texts.js';
import type { TicketRef } from '../../desk/desk.js';
import { nonceLabel, refInPost } from '../../desk/ref.js';
import { TICKET_ACTIONS, ticketRefData, type Target } from './channel.js';
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
  STAFF_PLACE_ONLY,
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

  async function answer(ctx: BotContext, ref: number | TicketRef, text: string): Promise<void> {
    const id = typeof ref === 'number' ? ref : ref.id;
    const r = await assistant.answerTicket(ref, text, personOf(ctx));
    await say(ctx, r.ok ? answered(id, r.delivered ?? 0, r.failed ?? 0) : deskErrorText(r.error, id));
  }

  async function dismiss(ctx: BotContext, ref: number | TicketRef, reason: string | undefined): Promise<string> {
    const id = typeof ref === 'number' ? ref : ref.id;
    const r = await assistant.dismissTicket(ref, personOf(ctx), reason);
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
    if (!roles.isStaffPlace(ctx)) return say(ctx, STAFF_PLACE_ONLY('hangdoi'));
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

  // Buttons on ticket posts and prompts: "t:<action>:<number>[:<nonce>]".
  c.callbackQuery(/^t:([adxf]):(\d+)(?::([\w-]+))?$/, async (ctx) => {
    if (!(await allowed(ctx))) return;
    const action = ctx.match[1]!;
    const ref: TicketRef = { id: Number(ctx.match[2]), nonce: ctx.match[3] };
    const id = ref.id;
    const found = assistant.desk.resolve(ref);
    if ('error' in found) {
      // a button of a ticket the store no longer has (or of another ticket with the same number): act on nothing
      await ctx.editMessageReplyMarkup({ reply_markup: NO_BUTTONS }).catch(() => {});
      return void (await ctx.answerCallbackQuery({ text: deskErrorText(found.error, id), show_alert: true }));
    }
    const ticket = found.ticket;
    if ((action === 'a' || action === 'd' || action === 'x') && ticket.status !== 'pending') {
      return void (await ctx.answerCallbackQuery({ text: deskErrorText(ticket.status === 'answered' ? 'already_answered' : 'already_dismissed', id), show_alert: true }));
    }
    const label = nonceLabel(ticket);
    switch (action) {
      case 'a':
        await ctx.answerCallbackQuery();
        await channel.sendHtml(here(ctx), `✍️ Trả lời phiếu #${id}${label}: ${userLink(ctx)}, hãy trả lời (reply) tin nhắn này bằng nội dung câu trả lời.`, {
          force_reply: true,
          selective: true,
          input_field_placeholder: `Câu trả lời cho phiếu #${id}`,
        });
        return;
      case 'd':
        await ctx.answerCallbackQuery();
        await channel.sendHtml(
          here(ctx),
          `🗑 Bỏ qua phiếu #${id}${label}: ${userLink(ctx)}, hãy trả lời (reply) tin nhắn này bằng lý do (người hỏi sẽ được báo), hoặc bấm nút dưới đây để bỏ qua không ghi lý do.`,
          { inline_keyboard: [[button('Bỏ qua, không ghi lý do', `${TICKET_ACTIONS.dismissNow}${ticketRefData(ticket)}`)]] },
        );
        return;
      case 'x': {
        const text = await dismiss(ctx, ref, undefined);
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
    // A ticket post the store has no record of (lost in a crash, or a store set aside): its text names the ticket.
    const lostPost = !posted && !answerPrompt && !dismissPrompt && roles.isModeratorChat(ctx.chat.id) ? refInPost(prompt) : undefined;
    if (!posted && !answerPrompt && !dismissPrompt && !lostPost) return next();
    if (!(await allowed(ctx))) return;
    const text = ctx.msg.text?.trim();
    if (dismissPrompt && !posted) {
      const reason = text && text !== '-' ? text : undefined;
      return say(ctx, await dismiss(ctx, { id: Number(dismissPrompt[1]), nonce: dismissPrompt[2] }, reason));
    }
    if (!text) return say(ctx, TEXT_ONLY_ANSWER);
    let ref: TicketRef;
    if (posted) ref = { id: posted.id, nonce: posted.nonce };
    else if (answerPrompt) ref = { id: Number(answerPrompt[1]), nonce: answerPrompt[2] };
    else {
      ref = lostPost!;
      const found = assistant.desk.resolve(ref);
      if ('error' in found) return say(ctx, deskErrorText(found.error, ref.id));
      // adopt the post, so the ticket's next change edits it too
      await assistant.desk
        .attachPosts(ref.id, [{ platform: 'telegram', chatId: String(ctx.chat.id), messageId: String(r.message_id), part: 0 }])
        .catch((e: Error) => deps.log.warn({ ticket: ref.id, err: e.message }, 'could not record a found ticket post'));
    }
    await answer(ctx, ref, text);
  });

  return c;
}
