import type { Api } from 'grammy';
import type { PollAnswer } from 'grammy/types';
import type { Logger } from '../../app/conversation.js';
import { LIMITS } from '../../quiz/bank.js';
import type { AnswerOutcome, ClosedRound, OpenedRound, QuizPort, QuizService } from '../../quiz/service.js';
import { pollExplanation } from '../../quiz/texts.js';
import type { RoundPost } from '../../quiz/types.js';
import { displayName } from './context.js';
import { renderParts } from './render.js';

/**
 * Rounds as native Telegram quiz polls: not anonymous (answers arrive as poll_answer
 * updates, per person), the right option marked, the explanation with its source.
 * The round's end lives in the store (it survives restarts)
 * and is the bot's own stopPoll, followed by the results.
 */
export class TelegramQuizPort implements QuizPort {
  constructor(
    private readonly api: Api,
    private readonly log?: Logger,
  ) {}

  async postRound({ round, chat, items, intro, shortSourceOf }: OpenedRound): Promise<RoundPost[]> {
    for (const html of renderParts(intro)) await this.api.sendMessage(chat.chatId, html, { parse_mode: 'HTML' });
    const posts: RoundPost[] = [];
    for (const [i, item] of items.entries()) {
      const numbered = `Câu ${i + 1}/${items.length}: ${item.question}`;
      const message = await this.api.sendPoll(
        chat.chatId,
        numbered.length <= LIMITS.question ? numbered : item.question,
        item.options.map((text) => ({ text })),
        { type: 'quiz', is_anonymous: false, correct_option_ids: [item.correct], explanation: pollExplanation(item, shortSourceOf(item)) },
      );
      posts.push({ itemId: item.id, pollId: message.poll.id, messageId: String(message.message_id) });
    }
    this.log?.info({ round: round.id, chat: chat.chatId, items: items.length }, 'quiz round posted');
    return posts;
  }

  async closeRound({ round, chat, message }: ClosedRound): Promise<void> {
    for (const post of round.posts) {
      if (!post.messageId) continue;
      try {
        await this.api.stopPoll(chat.chatId, Number(post.messageId));
      } catch (e) {
        // a poll someone deleted, or already closed: the results still go out
        this.log?.warn({ round: round.id, message: post.messageId, err: String(e) }, 'stopPoll failed');
      }
    }
    for (const html of renderParts(message)) await this.api.sendMessage(chat.chatId, html, { parse_mode: 'HTML' });
  }
}

/** A poll_answer update: the person and the option they chose (a quiz answer cannot be changed or retracted). */
export async function recordPollAnswer(service: QuizService, answer: PollAnswer): Promise<AnswerOutcome | undefined> {
  const option = answer.option_ids[0];
  if (!answer.user || option === undefined) return undefined;
  return service.answerPoll('telegram', answer.poll_id, { id: String(answer.user.id), name: displayName(answer.user) }, option);
}
