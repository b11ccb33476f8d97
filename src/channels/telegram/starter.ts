import type { ChannelStarter } from '../starters.js';

/**
 * Starts the Telegram channel when a bot token is set. grammY and its plugins are loaded
 * only then, so the console chat starts without them (about a quarter of a second sooner).
 */
export const startTelegram: ChannelStarter = async (ctx) => {
  if (!ctx.config.telegram) return undefined;
  const { startTelegramChannel } = await import('./start.js');
  return startTelegramChannel(ctx);
};
