import { Composer } from 'grammy';
import type { InlineKeyboardMarkup, Message as TgMessage } from 'grammy/types';
import { plain, type Message } from '../../answer/message.js';
import { SMALLTALK_REPLIES } from '../../answer/reply.js';
import { askerOf, mentionsMe, questionText, repliesToMe, topicOf, type BotContext, type TelegramDeps } from './context.js';
import { answerKeyboard, suggestionKeyboard } from './feedback.js';
import { ASK_USAGE, helpMessage, HOW_TO_PICK, UNKNOWN_COMMAND } from './texts.js';

/** Replies in the chat (and forum topic) of the current message, quoting it. */
export async function replyTo(ctx: BotContext, deps: TelegramDeps, message: Message | string): Promise<void> {
  const msg = ctx.msg!;
  const m = typeof message === 'string' ? { paragraphs: [[plain(message)]] } : message;
  await deps.channel.send({ chatId: String(ctx.chat!.id), threadId: topicOf(msg), replyTo: String(msg.message_id) }, m);
}

/**
 * Asks the assistant and replies to the question's message: the answer with 👍/👎 and
 * "ask a person" buttons, suggestions as buttons, or the escalation notice with the ticket number.
 */
export async function askAndReply(ctx: BotContext, deps: TelegramDeps, question: string, questionMsg: TgMessage): Promise<void> {
  const chat = ctx.chat!;
  const asker = askerOf(chat, questionMsg, ctx.from, ctx.msg?.sender_chat);
  const outcome = await deps.assistant.ask(question, asker, { howToPick: HOW_TO_PICK });
  const { decision } = outcome;
  let markup: InlineKeyboardMarkup | undefined;
  if (decision.status === 'answered' || decision.status === 'suggested') {
    const key = deps.recent.remember({ question, chatId: asker.chatId, threadId: asker.threadId, messageId: asker.messageId! });
    markup = decision.status === 'answered' ? answerKeyboard(key, decision.passage!) : suggestionKeyboard(key, decision.suggestions);
  }
  await deps.channel.send({ chatId: asker.chatId, threadId: asker.threadId, replyTo: asker.messageId }, outcome.message, { markup });
}

function startsWithCommand(msg: TgMessage): boolean {
  return msg.entities?.some((e) => e.type === 'bot_command' && e.offset === 0) ?? false;
}

/**
 * Officials' questions. Private chat: every text message is a question. Groups: `/hoi …`,
 * a message mentioning the bot, or a reply to one of its messages; other chatter is ignored
 * (in the moderators' chat only `/hoi` asks).
 */
export function questionsComposer(deps: TelegramDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const limited = (ctx: BotContext, work: () => Promise<void>) => deps.limiter(ctx, work);

  c.command(['start', 'help'], (ctx) => replyTo(ctx, deps, helpMessage(deps.assistant.engine.knowledge, ctx.me.username, ctx.chat.type === 'private')));

  c.command('hoi', async (ctx) => {
    let question = questionText(ctx.msg.text, ctx.msg.entities, ctx.me);
    let questionMsg: TgMessage = ctx.msg;
    // "/hoi" sent as a reply to a colleague's question: answer that question, quoting it.
    const quoted = ctx.msg.reply_to_message;
    if (!question && quoted?.text && !repliesToMe(ctx.msg, ctx.me) && !quoted.forum_topic_created) {
      question = questionText(quoted.text, quoted.entities, ctx.me);
      questionMsg = quoted;
    }
    if (!question) return replyTo(ctx, deps, ASK_USAGE);
    await limited(ctx, () => askAndReply(ctx, deps, question, questionMsg));
  });

  const privateChat = c.chatType('private');
  privateChat.on('message:text', async (ctx) => {
    if (startsWithCommand(ctx.msg)) return replyTo(ctx, deps, UNKNOWN_COMMAND);
    await limited(ctx, () => askAndReply(ctx, deps, ctx.msg.text.trim(), ctx.msg));
  });
  privateChat.on(
    ['message:photo', 'message:sticker', 'message:voice', 'message:audio', 'message:video', 'message:video_note', 'message:animation', 'message:document', 'message:location', 'message:contact'],
    (ctx) => replyTo(ctx, deps, SMALLTALK_REPLIES.no_text!),
  );

  const groups = c.chatType(['group', 'supergroup']);
  groups.on('message:text', async (ctx, next) => {
    const msg = ctx.msg;
    if (startsWithCommand(msg)) return next(); // a command for another bot, or one we do not have
    // The moderators' chat talks *about* questions: there, only /hoi asks (a reply to an ack is not a question).
    if (deps.roles.isModeratorChat(ctx.chat.id)) return next();
    const mentioned = (msg.entities ?? []).some((e) => mentionsMe(msg.text, e, ctx.me));
    if (!mentioned && !repliesToMe(msg, ctx.me)) return next(); // ordinary chatter: stay silent
    const question = questionText(msg.text, msg.entities, ctx.me);
    if (!question) return replyTo(ctx, deps, ASK_USAGE);
    await limited(ctx, () => askAndReply(ctx, deps, question, msg));
  });

  return c;
}
