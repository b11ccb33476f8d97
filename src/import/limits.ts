/**
 * Limits on reading one document. A hostile or broken file (a .docx that unzips to
 * gigabytes, a PDF with a huge content stream) stops at the first limit it crosses, with a
 * Vietnamese reason, and nothing is written. Reading happens in a worker thread whose heap
 * and running time are capped, so other chats keep being answered meanwhile.
 */
export interface ImportLimits {
  /** size of the file as sent, bytes */
  maxInputBytes: number;
  /** sum of the unzipped sizes of a .docx's parts, bytes */
  maxUnzippedBytes: number;
  /** pages of a PDF */
  maxPages: number;
  /** characters of text read from the document */
  maxTextChars: number;
  /** heap of the worker that reads it, MB */
  maxMemoryMb: number;
  /** time to read and convert it, ms */
  timeoutMs: number;
}

/** Room for the largest codes (a Bộ luật of 700 articles is about 1.5 million characters). */
export const DEFAULT_LIMITS: ImportLimits = {
  maxInputBytes: 10 * 1024 * 1024,
  maxUnzippedBytes: 60 * 1024 * 1024,
  maxPages: 500,
  maxTextChars: 3_000_000,
  maxMemoryMb: 512,
  timeoutMs: 60_000,
};

const mb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`);
const count = (n: number) => n.toLocaleString('vi-VN');

/** The reasons shown to the admin (and printed by npm run import). */
export const LIMIT_TEXTS = {
  input: (bytes: number, l: ImportLimits) => `Tệp nặng ${mb(bytes)}, vượt giới hạn ${mb(l.maxInputBytes)}. Hãy gửi bản chỉ có phần văn bản (không kèm ảnh chụp).`,
  unzipped: (bytes: number, l: ImportLimits) =>
    `Tệp Word khi giải nén lên tới ${mb(bytes)}, vượt giới hạn ${mb(l.maxUnzippedBytes)} (có thể là tệp độc hại kiểu "bom nén", hoặc chứa nhiều ảnh/đối tượng nhúng). Hãy lưu lại chỉ phần văn bản rồi gửi lại.`,
  pages: (pages: number, l: ImportLimits) => `Tệp PDF có ${count(pages)} trang, vượt giới hạn ${count(l.maxPages)} trang. Hãy tách thành các tệp nhỏ hơn.`,
  text: (l: ImportLimits) => `Văn bản dài hơn giới hạn ${count(l.maxTextChars)} ký tự. Hãy tách thành các tệp nhỏ hơn.`,
  memory: (l: ImportLimits) => `Đọc tệp cần quá nhiều bộ nhớ (vượt giới hạn ${l.maxMemoryMb} MB): tệp có thể bị hỏng hoặc cố ý làm nặng. Hãy lưu lại thành tệp mới (chỉ phần văn bản) rồi gửi lại.`,
  time: (l: ImportLimits) => `Đọc tệp quá lâu (vượt giới hạn ${Math.round(l.timeoutMs / 1000)} giây): tệp có thể bị hỏng hoặc cố ý làm nặng. Hãy lưu lại thành tệp mới (chỉ phần văn bản) rồi gửi lại.`,
};

/** `--max-mb=5`-style flags of npm run import → limits (unknown or bad values are reported). */
export const LIMIT_FLAGS: Record<string, { key: keyof ImportLimits; scale: number; label: string }> = {
  'max-mb': { key: 'maxInputBytes', scale: 1024 * 1024, label: 'dung lượng tệp, MB' },
  'max-unzipped-mb': { key: 'maxUnzippedBytes', scale: 1024 * 1024, label: 'dung lượng giải nén của .docx, MB' },
  'max-pages': { key: 'maxPages', scale: 1, label: 'số trang PDF' },
  'max-chars': { key: 'maxTextChars', scale: 1, label: 'số ký tự văn bản' },
  'max-memory-mb': { key: 'maxMemoryMb', scale: 1, label: 'bộ nhớ khi đọc, MB' },
  'timeout-s': { key: 'timeoutMs', scale: 1000, label: 'thời gian đọc, giây' },
};

export function limitsFromFlags(args: readonly string[]): { limits: ImportLimits; errors: string[] } {
  const limits = { ...DEFAULT_LIMITS };
  const errors: string[] = [];
  for (const arg of args) {
    const m = arg.match(/^--([a-z-]+)=(.*)$/);
    if (!m || !LIMIT_FLAGS[m[1]!]) continue;
    const flag = LIMIT_FLAGS[m[1]!]!;
    const value = Number(m[2]);
    if (!Number.isFinite(value) || value <= 0) errors.push(`--${m[1]} cần một số dương (${flag.label}).`);
    else limits[flag.key] = Math.round(value * flag.scale);
  }
  return { limits, errors };
}
