import { ThreadType, type API, type CreatePollOptions, type PollDetail } from 'zca-js';
import type { Logger } from '../../app/conversation.js';
import type { ChatRef } from '../../app/types.js';
import type { QuizItem } from '../../quiz/bank.js';
import type { ClosedRound, OpenedRound, PlatformAnswer, QuizPort } from '../../quiz/service.js';
import { itemText } from '../../quiz/texts.js';
import type { QuizChat, Round, RoundPost } from '../../quiz/types.js';
import { renderParts } from './render.js';

/** The few zca-js calls the quiz needs, so tests fake only this seam. */
export interface ZaloQuizApi {
  sendGroupText(text: ReturnType<typeof renderParts>[number], groupId: string): Promise<{ msgId?: string }>;
  createPoll(options: CreatePollOptions, groupId: string): Promise<PollDetail>;
  getPollDetail(pollId: number): Promise<PollDetail>;
  lockPoll(pollId: number): Promise<unknown>;
  /** a member's display name (optional: otherwise the id is shown) */
  userName?(userId: string): Promise<string | undefined>;
}

export function zaloQuizApi(api: API): ZaloQuizApi {
  return {
    sendGroupText: async (text, groupId) => {
      const r = await api.sendMessage(text, groupId, ThreadType.Group);
      const id = r.message?.msgId;
      return { msgId: id === undefined || id === null ? undefined : String(id) };
    },
    createPoll: (options, groupId) => api.createPoll(options, groupId),
    getPollDetail: (pollId) => api.getPollDetail(pollId),
    lockPoll: (pollId) => api.lockPoll(pollId),
    userName: async (userId) => {
      const info = await api.getUserInfo(userId);
      const profile = info.changed_profiles?.[userId] ?? Object.values(info.changed_profiles ?? {})[0];
      return profile?.displayName || profile?.zaloName || undefined;
    },
  };
}

/**
 * Rounds in a Zalo group as zca-js polls: one poll per item, single choice, votes hidden
 * until one votes; Zalo has no quiz mode, so the bot reads the votes (getPollDetail) and
 * locks the polls when the round ends, then posts the right answers. Where a poll cannot be
 * created (a private chat, an API change) the item goes out as text, answered by replying A/B/C/D.
 */
export class ZaloQuizPort implements QuizPort {
  constructor(
    private readonly api: ZaloQuizApi,
    private readonly log?: Logger,
    /** posts an item as text with the core's A/B/C/D choices (answered by quoting it); without it, plain text */
    private readonly textItem?: (chat: ChatRef, round: Round, index: number, item: QuizItem) => Promise<void>,
  ) {}

  private async send(message: Parameters<typeof renderParts>[0], groupId: string): Promise<string | undefined> {
    let first: string | undefined;
    for (const part of renderParts(message)) first ??= (await this.api.sendGroupText(part, groupId)).msgId;
    return first;
  }

  async postRound({ round, chat, items, intro }: OpenedRound): Promise<RoundPost[]> {
    await this.send(intro, chat.chatId);
    const posts: RoundPost[] = [];
    for (const [i, item] of items.entries()) {
      try {
        const poll = await this.api.createPoll(
          { question: `Câu ${i + 1}/${items.length}: ${item.question}`, options: item.options, allowMultiChoices: false, allowAddNewOption: false, hideVotePreview: true, isAnonymous: false },
          chat.chatId,
        );
        posts.push({ itemId: item.id, pollId: String(poll.poll_id) });
      } catch (e) {
        this.log?.warn({ chat: chat.chatId, item: item.id, err: String(e) }, 'zalo createPoll failed; item sent as text');
        if (this.textItem) {
          await this.textItem({ platform: 'zalo', id: chat.chatId, kind: 'group', title: chat.title }, round, i, item);
          posts.push({ itemId: item.id });
        } else posts.push({ itemId: item.id, messageId: await this.send(itemText(item, i, items.length), chat.chatId) });
      }
    }
    return posts;
  }

  async collectAnswers(round: Round, _chat: QuizChat): Promise<PlatformAnswer[]> {
    const answers: PlatformAnswer[] = [];
    const names = new Map<string, string>();
    for (const post of round.posts) {
      if (!post.pollId) continue;
      const detail = await this.api.getPollDetail(Number(post.pollId));
      const seen = new Set<string>();
      // options keep the order they were created in: option ids grow with it
      [...detail.options].sort((a, b) => a.option_id - b.option_id).forEach((option, index) => {
        for (const userId of option.voters ?? []) {
          if (seen.has(userId)) continue; // single choice: a second vote is ignored
          seen.add(userId);
          answers.push({ itemId: post.itemId, userId, userName: userId, option: index });
        }
      });
    }
    for (const a of answers) {
      if (!names.has(a.userId)) names.set(a.userId, (await this.api.userName?.(a.userId).catch(() => undefined)) ?? a.userId);
      a.userName = names.get(a.userId)!;
    }
    return answers;
  }

  async closeRound({ round, chat, message }: ClosedRound): Promise<void> {
    for (const post of round.posts) {
      if (!post.pollId) continue;
      try {
        await this.api.lockPoll(Number(post.pollId));
      } catch (e) {
        this.log?.warn({ round: round.id, poll: post.pollId, err: String(e) }, 'zalo lockPoll failed');
      }
    }
    await this.send(message, chat.chatId);
  }
}
