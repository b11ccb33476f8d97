// zod's v3 API (shipped inside zod 4): it loads in about 30 ms, v4's in about 95, and the bot has 1 s to start.
import { z } from 'zod/v3';
import { DEFAULT_THRESHOLDS, type Thresholds } from './answer/decide.js';

/**
 * Settings from the environment (.env is read by dotenv in main; real environment
 * variables win). Every problem is reported, one line each, before anything starts.
 */

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const chatId = z
  .string()
  .trim()
  .regex(/^-?\d+$/, 'phải là số (ví dụ -1001234567890)')
  .optional()
  .or(z.literal('').transform(() => undefined));

const idList = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []))
  .refine((ids) => ids.every((id) => /^\d+$/.test(id)), 'phải là danh sách số, cách nhau bằng dấu phẩy');

const bool = z
  .string()
  .trim()
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Unset: the calibrated model's own threshold. */
const optionalFraction = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? Number(v) : undefined))
  .refine((n) => n === undefined || (n >= 0 && n <= 1), 'phải là số từ 0 đến 1');

const schema = z
  .object({
    TELEGRAM_BOT_TOKEN: optionalText.refine((v) => v === undefined || /^\d+:[\w-]{20,}$/.test(v), 'không đúng dạng token của BotFather (123456:ABC…)'),
    TELEGRAM_MODERATOR_CHAT_ID: chatId,
    TELEGRAM_MODERATOR_THREAD_ID: chatId,
    TELEGRAM_ADMIN_IDS: idList,
    TELEGRAM_API_ROOT: optionalText.refine((v) => v === undefined || /^https?:\/\/\S+$/.test(v), 'phải là địa chỉ http(s)://…'),
    TELEGRAM_WEBHOOK_URL: optionalText.refine((v) => v === undefined || /^https:\/\/\S+$/.test(v), 'phải là địa chỉ https://…'),
    TELEGRAM_WEBHOOK_SECRET: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9_-]{8,256}$/.test(v), 'chỉ gồm chữ, số, "_" và "-", dài 8–256 ký tự'),
    TELEGRAM_WEBHOOK_PORT: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? Number(v) : 8080))
      .refine((n) => Number.isInteger(n) && n > 0 && n < 65536, 'phải là số cổng 1–65535'),
    ZALO_ENABLED: bool,
    ZALO_MODERATOR_GROUP_ID: chatId,
    ZALO_ADMIN_IDS: idList,
    DATA_DIR: z.string().trim().optional().transform((v) => v || 'data'),
    KNOWLEDGE_DIR: z.string().trim().optional().transform((v) => v || 'knowledge'),
    KNOWLEDGE_WATCH: bool,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().or(z.literal('').transform(() => undefined)),
    ANSWER_CONFIDENCE: optionalFraction,
    SUGGEST_CONFIDENCE: optionalFraction,
  })
  .superRefine((c, ctx) => {
    if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'bắt buộc khi có TELEGRAM_WEBHOOK_URL' });
    }
    // Askers would be told a person will answer, and nobody ever could.
    if (c.TELEGRAM_BOT_TOKEN && !c.TELEGRAM_MODERATOR_CHAT_ID && c.TELEGRAM_ADMIN_IDS.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_MODERATOR_CHAT_ID'],
        message: 'chưa có ai xử lý câu hỏi chuyển cán bộ hỗ trợ: đặt TELEGRAM_MODERATOR_CHAT_ID (nhóm cán bộ hỗ trợ) hoặc TELEGRAM_ADMIN_IDS (lấy mã bằng lệnh /id)',
      });
    }
    if (c.ZALO_ENABLED && !c.ZALO_MODERATOR_GROUP_ID && c.ZALO_ADMIN_IDS.length === 0 && !c.TELEGRAM_MODERATOR_CHAT_ID && c.TELEGRAM_ADMIN_IDS.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['ZALO_MODERATOR_GROUP_ID'],
        message: 'chưa có ai xử lý câu hỏi chuyển cán bộ hỗ trợ: đặt ZALO_MODERATOR_GROUP_ID (nhóm cán bộ hỗ trợ) hoặc ZALO_ADMIN_IDS (lấy mã bằng lệnh /id)',
      });
    }
    if (c.TELEGRAM_MODERATOR_THREAD_ID && !c.TELEGRAM_MODERATOR_CHAT_ID) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_MODERATOR_THREAD_ID'], message: 'cần có TELEGRAM_MODERATOR_CHAT_ID' });
    }
    if (c.SUGGEST_CONFIDENCE !== undefined && c.ANSWER_CONFIDENCE !== undefined && c.SUGGEST_CONFIDENCE > c.ANSWER_CONFIDENCE) {
      ctx.addIssue({ code: 'custom', path: ['SUGGEST_CONFIDENCE'], message: 'không được lớn hơn ANSWER_CONFIDENCE' });
    }
  });

export interface Config {
  telegram?: {
    token: string;
    moderatorChatId?: string;
    moderatorThreadId?: string;
    adminIds: string[];
    apiRoot?: string;
    webhook?: { url: string; secret: string; port: number };
  };
  zalo: { enabled: boolean; moderatorGroupId?: string; adminIds: string[] };
  dataDir: string;
  knowledgeDir: string;
  knowledgeWatch: boolean;
  /** unset: info, and warn while the console chat uses the terminal */
  logLevel?: string;
  thresholds: Thresholds;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Never echoes a value: a token must not reach the logs even when it is malformed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'cấu hình'}: ${i.message}`));
  }
  const c = parsed.data;
  return {
    telegram: c.TELEGRAM_BOT_TOKEN
      ? {
          token: c.TELEGRAM_BOT_TOKEN,
          moderatorChatId: c.TELEGRAM_MODERATOR_CHAT_ID,
          moderatorThreadId: c.TELEGRAM_MODERATOR_THREAD_ID,
          adminIds: c.TELEGRAM_ADMIN_IDS,
          apiRoot: c.TELEGRAM_API_ROOT,
          webhook: c.TELEGRAM_WEBHOOK_URL ? { url: c.TELEGRAM_WEBHOOK_URL, secret: c.TELEGRAM_WEBHOOK_SECRET!, port: c.TELEGRAM_WEBHOOK_PORT } : undefined,
        }
      : undefined,
    zalo: { enabled: c.ZALO_ENABLED, moderatorGroupId: c.ZALO_MODERATOR_GROUP_ID, adminIds: c.ZALO_ADMIN_IDS },
    dataDir: c.DATA_DIR,
    knowledgeDir: c.KNOWLEDGE_DIR,
    knowledgeWatch: c.KNOWLEDGE_WATCH,
    logLevel: c.LOG_LEVEL,
    thresholds: { ...DEFAULT_THRESHOLDS, answer: c.ANSWER_CONFIDENCE, suggest: c.SUGGEST_CONFIDENCE },
  };
}
