import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FileTooBig, type InboundFile } from '../../app/documents.js';
import type { BotContext, TelegramSettings } from './context.js';

const DOWNLOAD_TIMEOUT_MS = 60_000;

/**
 * The document of the current message, downloaded only when the core asks for it:
 * getFile, then a download from the API root (or the disk of a local Bot API server).
 */
export function documentOf(ctx: BotContext, settings: TelegramSettings): InboundFile | undefined {
  const doc = ctx.message?.document;
  if (!doc) return undefined;
  return {
    name: path.basename(doc.file_name ?? 'van-ban'),
    size: doc.file_size,
    async read(maxBytes: number): Promise<Uint8Array> {
      await ctx.replyWithChatAction('typing').catch(() => {});
      const file = await ctx.getFile();
      if (file.file_size !== undefined && file.file_size > maxBytes) throw new FileTooBig(file.file_size);
      if (!file.file_path) throw new Error('getFile returned no file_path');
      // A local Bot API server (--local) answers with the file's absolute path on its disk.
      if (path.isAbsolute(file.file_path)) return new Uint8Array(await readFile(file.file_path));
      const root = (settings.apiRoot ?? 'https://api.telegram.org').replace(/\/+$/, '');
      // The URL holds the token: it must never reach a log or a reply.
      const res = await fetch(`${root}/file/bot${settings.token}/${file.file_path}`, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`download failed: HTTP ${res.status}`);
      const length = Number(res.headers.get('content-length') ?? 0);
      if (length > maxBytes) throw new FileTooBig(length);
      const data = new Uint8Array(await res.arrayBuffer());
      if (data.length > maxBytes) throw new FileTooBig(data.length);
      return data;
    },
  };
}
