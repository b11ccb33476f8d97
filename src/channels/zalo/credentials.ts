import { readFile } from 'node:fs/promises';
import { writeAtomic } from '../../store/atomic.js';
import path from 'node:path';
import { z } from 'zod/v3';

/** What zca-js needs to log in again without a QR code. Secret: never logged. */
export interface ZaloCredentials {
  imei: string;
  /** serialized cookies (tough-cookie JSON) */
  cookie: unknown[];
  userAgent: string;
  language: string;
}

export const CREDENTIALS_FILE = 'zalo-credentials.json';
export const QR_FILE = 'zalo-qr.png';

export function credentialsPath(dataDir: string): string {
  return path.join(dataDir, CREDENTIALS_FILE);
}

const shape = z.object({
  imei: z.string().min(1),
  cookie: z.union([z.array(z.unknown()).min(1), z.object({ cookies: z.array(z.unknown()).min(1) }).passthrough()]),
  userAgent: z.string().min(1),
  language: z.string().optional(),
});

export class CredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsError';
  }
}

/** The saved credentials; undefined when there is no file; CredentialsError when it is unusable. */
export async function loadCredentials(file: string): Promise<ZaloCredentials | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CredentialsError(`Không đọc được ${file}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CredentialsError(`${file} không phải JSON hợp lệ. Hãy chạy lại: npm run zalo:login`);
  }
  const r = shape.safeParse(parsed);
  if (!r.success) throw new CredentialsError(`${file} thiếu imei, cookie hoặc userAgent. Hãy chạy lại: npm run zalo:login`);
  const c = r.data;
  return { imei: c.imei, cookie: Array.isArray(c.cookie) ? c.cookie : c.cookie.cookies, userAgent: c.userAgent, language: c.language ?? 'vi' };
}

/**
 * Writes the credentials readable by the owner only (0600), atomically and durably
 * (store/atomic): the file is never briefly world-readable nor half-written.
 */
export async function saveCredentials(file: string, credentials: ZaloCredentials): Promise<void> {
  const body = JSON.stringify(
    { imei: credentials.imei, cookie: credentials.cookie, userAgent: credentials.userAgent, language: credentials.language },
    null,
    2,
  );
  await writeAtomic(file, body + '\n', { mode: 0o600 });
}
