import { bold, plain, type Message } from '../answer/message.js';
import type { PreparedImport } from '../import/index.js';
import { DEFAULT_LIMITS, type ImportLimits } from '../import/limits.js';
import { formatOf } from '../import/read.js';
import type { Engine, ReloadResult } from './engine.js';
import { reloadMessage } from './texts.js';

/**
 * Document import from chat, as the core sees it: an admin sends a .docx/.pdf (or .md/.txt)
 * in a private chat; the core reads it, shows what it found with "Thêm vào kho" / "Hủy";
 * on confirmation it writes the regulation file and reloads (a file that breaks the reload
 * is taken out again). Nothing is written before the admin confirms.
 */

/** Reading and writing documents (a dozen modules and `yaml`): loaded when an admin first sends one, not at start. */
const importer = () => import('../import/index.js');

/** How long a summary's buttons stay valid. */
export const IMPORT_TTL_MS = 30 * 60_000;
/** Documents waiting for confirmation, at most (the oldest is dropped). */
const MAX_PENDING = 20;

/** A file sent in a chat; `read` downloads it (throws FileTooBig past `maxBytes`). */
export interface InboundFile {
  name: string;
  size?: number;
  read(maxBytes: number): Promise<Uint8Array>;
}

export class FileTooBig extends Error {
  constructor(readonly bytes: number) {
    super('file too big');
  }
}

export const DOCUMENT_TEXTS = {
  notAdmin: '⛔ Chỉ quản trị viên mới được thêm văn bản vào kho tri thức. Tệp của bạn không được lưu.',
  notAdminButton: '⛔ Chỉ quản trị viên mới được thêm văn bản vào kho.',
  tooBig: (name: string, bytes: number, limit: number) =>
    `❌ Tệp "${name}" nặng ${(bytes / 1024 / 1024).toFixed(1)} MB, vượt giới hạn ${Math.round(limit / 1024 / 1024)} MB. Hãy gửi bản nhỏ hơn (chỉ phần văn bản, không kèm ảnh chụp), hoặc nhập trên máy chủ bằng lệnh npm run import. Không có gì thay đổi.`,
  downloadFailed: (name: string) => `❌ Không tải được tệp "${name}". Hãy gửi lại sau ít phút. Không có gì thay đổi.`,
  refused: (name: string, reason: string) => `❌ Không nhập được "${name}": ${reason} Không có gì thay đổi.`,
  confirm: 'Thêm văn bản này vào kho tri thức?',
  expired: 'Yêu cầu này đã hết hạn hoặc đã được xử lý. Hãy gửi lại tệp.',
  cancelled: 'Đã hủy: không có gì thay đổi trong kho tri thức.',
  adding: 'Đang thêm vào kho…',
  writeFailed: (reason: string) => `❌ Không ghi được tệp vào kho tri thức (${reason}). Không có gì thay đổi.`,
};

/** Whether a file is one the import reads (others are answered like any non-text message). */
export function importable(file: InboundFile): boolean {
  return formatOf(file.name) !== undefined;
}

export type ReadResult = { ok: true; prepared: PreparedImport; summary: Message } | { ok: false; text: string };

/**
 * Downloads and reads a file into a prepared import, or says why not. The file is read in a
 * worker under the limits: a hostile file cannot stop the answers to other chats.
 */
export async function readImport(file: InboundFile, knowledgeDir: string, limits: ImportLimits = DEFAULT_LIMITS, warn: (obj: object, msg: string) => void = () => {}): Promise<ReadResult> {
  const maxBytes = limits.maxInputBytes;
  if (file.size !== undefined && file.size > maxBytes) return { ok: false, text: DOCUMENT_TEXTS.tooBig(file.name, file.size, maxBytes) };
  const loading = importer();
  // The worker that will read the file starts while it downloads.
  loading.then(({ warmWorker }) => warmWorker(limits)).catch(() => {});
  let data: Uint8Array;
  try {
    data = await file.read(maxBytes);
  } catch (e) {
    if (e instanceof FileTooBig) return { ok: false, text: DOCUMENT_TEXTS.tooBig(file.name, e.bytes, maxBytes) };
    warn({ file: file.name, err: (e as Error).message }, 'document download failed');
    return { ok: false, text: DOCUMENT_TEXTS.downloadFailed(file.name) };
  }
  const { prepareImport, summaryMessage, ImportError } = await loading;
  try {
    const prepared = await prepareImport(knowledgeDir, file.name, data, { limits });
    const summary = summaryMessage(prepared);
    return { ok: true, prepared, summary: { paragraphs: [...summary.paragraphs, [bold(DOCUMENT_TEXTS.confirm)]] } };
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    return { ok: false, text: DOCUMENT_TEXTS.refused(file.name, e.message) };
  }
}

/** Prepared imports waiting for the admin's answer, by choice set; bounded, expiring, kept in memory only. */
export class PendingImports {
  private readonly items = new Map<string, { prepared: PreparedImport; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  add(key: string, prepared: PreparedImport): void {
    for (const [k, p] of this.items) if (this.now() - p.at > IMPORT_TTL_MS) this.items.delete(k);
    while (this.items.size >= MAX_PENDING) this.items.delete(this.items.keys().next().value!);
    this.items.set(key, { prepared, at: this.now() });
  }

  /** Takes the import out (the buttons work once); undefined when expired or already answered. */
  take(key: string): PreparedImport | undefined {
    const p = this.items.get(key);
    this.items.delete(key);
    return p && this.now() - p.at <= IMPORT_TTL_MS ? p.prepared : undefined;
  }
}

/** Writes the confirmed import and reloads, behind the engine's lock; a reload that fails puts everything back. */
export async function commitAndReload(
  p: PreparedImport,
  engine: Pick<Engine, 'change'>,
  log: { info(o: object, m?: string): void; warn(o: object, m?: string): void; error(o: object, m?: string): void },
): Promise<Message> {
  const { commitImport, documentName, structureText } = await importer();
  let written: Awaited<ReturnType<typeof commitImport>> | undefined;
  let result: ReloadResult;
  try {
    result = await engine.change(async () => {
      written = await commitImport(p);
      return written.undo;
    });
  } catch (e) {
    log.error({ file: p.relativePath, err: (e as Error).message }, 'document import: write failed');
    return { paragraphs: [[plain(DOCUMENT_TEXTS.writeFailed((e as Error).message))]] };
  }
  if (!result.ok || !written) {
    log.warn({ file: p.relativePath, errors: result.ok ? 0 : result.errors.length }, 'document import undone: knowledge reload refused');
    const refused = result.ok ? [] : reloadMessage(result).paragraphs;
    return { paragraphs: [[plain(`❌ Đã gỡ lại ${p.relativePath}: kho tri thức không nạp lại được nên văn bản chưa được thêm.`)], ...refused] };
  }
  log.info({ file: p.relativePath, replaced: written.replaced, passages: result.passageCount }, 'document imported from chat');
  return {
    paragraphs: [
      [
        plain(
          `✅ Đã thêm ${documentName(p.meta)} vào kho (${p.relativePath}${written.replaced ? ', thay bản đã nhập trước' : ''}): ${structureText(p.structure)}. ` +
            `Kho hiện có ${result.regulationCount} văn bản, ${result.faqCount} câu hỏi đáp (${result.passageCount} đoạn tra cứu); bot đã dùng văn bản mới để trả lời.`,
        ),
      ],
    ],
  };
}
