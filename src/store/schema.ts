import { z } from 'zod/v3';

/**
 * The stored records, validated on load. Objects pass unknown keys through, so a field a
 * newer module adds survives an older reader; what is checked is what the bot relies on.
 */

const platform = z.enum(['telegram', 'zalo', 'console']);
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'không phải thời điểm hợp lệ');

const asker = z
  .object({
    platform,
    chatId: z.string(),
    chatKind: z.enum(['private', 'group']),
    chatTitle: z.string().optional(),
    threadId: z.string().optional(),
    userId: z.string(),
    userName: z.string(),
    messageId: z.string().optional(),
    askedAt: instant,
  })
  .passthrough();

const person = z.object({ platform, id: z.string(), name: z.string() }).passthrough();

const post = z.object({ platform, chatId: z.string(), messageId: z.string(), part: z.number().int().nonnegative().optional() }).passthrough();

export const ticketSchema = z
  .object({
    id: z.number().int().positive(),
    nonce: z.string().min(1).optional(),
    status: z.enum(['pending', 'answered', 'dismissed']),
    question: z.string().min(1),
    questionKey: z.string(),
    askers: z.array(asker).min(1),
    candidates: z.array(z.object({ id: z.string(), title: z.string() }).passthrough()),
    createdAt: instant,
    updatedAt: instant,
    answer: z.object({ text: z.string(), by: person, at: instant }).passthrough().optional(),
    dismissal: z.object({ reason: z.string().optional(), by: person, at: instant }).passthrough().optional(),
    posts: z.array(post),
    postIntents: z.array(z.object({ platform, at: instant })).optional(),
    faqId: z.string().optional(),
  })
  .passthrough()
  .refine((t) => t.status !== 'answered' || t.answer !== undefined, 'phiếu "đã trả lời" mà không có câu trả lời')
  .refine((t) => t.status !== 'dismissed' || t.dismissal !== undefined, 'phiếu "đã bỏ qua" mà không có người bỏ qua');

export const questionRecordSchema = z
  .object({
    at: instant,
    platform,
    userId: z.string(),
    status: z.enum(['answered', 'suggested', 'escalated', 'smalltalk']),
    question: z.string(),
    passageId: z.string().optional(),
  })
  .passthrough();

export const feedbackRecordSchema = z
  .object({ at: instant, platform, userId: z.string(), passageId: z.string(), question: z.string().optional(), helpful: z.boolean() })
  .passthrough();

/** The tickets file: its outer shape (each ticket is checked on its own, so one bad ticket costs only itself). */
export const ticketFileSchema = z.object({
  version: z.number().int().positive(),
  nextTicketId: z.number().int().positive(),
  tickets: z.array(z.unknown()),
  /** version 1 kept the logs in the same file */
  questions: z.array(z.unknown()).optional(),
  feedback: z.array(z.unknown()).optional(),
});

/** "askers.0.userId: Required" style, short enough for a log line. */
export function issuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`)
    .join('; ');
}

const PLATFORMS = new Set(['telegram', 'zalo', 'console']);
const STATUSES = new Set(['answered', 'suggested', 'escalated', 'smalltalk']);
const isInstant = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

/** The question log's lines: checked by hand, as the log is long (the schema above documents the same). */
export function isQuestionRecord(v: unknown): v is z.infer<typeof questionRecordSchema> {
  const r = v as Record<string, unknown> | null;
  return (
    typeof r === 'object' && r !== null && isInstant(r.at) && PLATFORMS.has(r.platform as string) && typeof r.userId === 'string' &&
    STATUSES.has(r.status as string) && typeof r.question === 'string' && optionalString(r.passageId)
  );
}

export function isFeedbackRecord(v: unknown): v is z.infer<typeof feedbackRecordSchema> {
  const r = v as Record<string, unknown> | null;
  return (
    typeof r === 'object' && r !== null && isInstant(r.at) && PLATFORMS.has(r.platform as string) && typeof r.userId === 'string' &&
    typeof r.passageId === 'string' && optionalString(r.question) && typeof r.helpful === 'boolean'
  );
}
