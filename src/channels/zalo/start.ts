import type { ChannelStarter } from '../starters.js';

/**
 * Starts the Zalo channel when ZALO_ENABLED is set. zca-js is loaded only then, so
 * Telegram-only and console runs do not pay for it.
 */
export const startZalo: ChannelStarter = async (ctx) => {
  if (!ctx.config.zalo.enabled) return undefined;
  const { runZalo } = await import('./session.js');
  return runZalo(ctx);
};
