import { Composer } from 'grammy';
import { reloadMessage, statsMessage } from '../../app/texts.js';
import { topicOf, type BotContext, type TelegramDeps } from './context.js';
import { replyTo } from './questions.js';
import { plain } from '../../answer/message.js';
import { idsMessage, NOT_ADMIN_RELOAD, NOT_STAFF, STAFF_PLACE_ONLY } from './texts.js';

/** /reload (admins), /thongke (admins and moderators), /id (anyone: the ids needed in .env). */
export function adminComposer(deps: TelegramDeps): Composer<BotContext> {
  const { assistant, roles } = deps;
  const c = new Composer<BotContext>();

  c.command('reload', async (ctx) => {
    if (!roles.isAdmin(ctx.from?.id)) {
      deps.log.warn({ userId: ctx.from?.id }, '/reload refused: not an admin');
      return replyTo(ctx, deps, NOT_ADMIN_RELOAD);
    }
    await replyTo(ctx, deps, reloadMessage(await assistant.reload()));
  });

  c.command('thongke', async (ctx) => {
    if (!roles.isStaffPlace(ctx)) return replyTo(ctx, deps, { paragraphs: [[plain(STAFF_PLACE_ONLY('thongke'))]] });
    if (!(await roles.isModerator(ctx))) return replyTo(ctx, deps, NOT_STAFF);
    await replyTo(ctx, deps, statsMessage(assistant.desk.stats()));
  });

  c.command('id', (ctx) => {
    const thread = topicOf(ctx.msg);
    return replyTo(ctx, deps, idsMessage(ctx.chat.id, ctx.chat.type, ctx.from?.id, thread ? Number(thread) : undefined));
  });

  return c;
}
