import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface WriteOptions {
  /** file mode of the written file (default 0600: the bot's data is nobody else's business) */
  mode?: number;
}

/**
 * Writes a file so that a crash or a power loss leaves either the old content or the new,
 * never half of one, and a write that returned is on disk: a temporary file in the same
 * directory, fsync, rename over the target, fsync the directory (which holds the rename).
 * On failure the target is untouched and the temporary file removed.
 */
export async function writeAtomic(file: string, content: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const mode = options.mode ?? 0o600;
    const handle = await open(tmp, 'wx', mode);
    try {
      await handle.chmod(mode); // the mode given to open() is narrowed by the umask; say it exactly
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    throw e;
  }
  await syncDir(dir);
}

/** fsync a directory, so a rename or a new file in it survives a power loss. */
export async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch {
    return; // platforms that cannot open a directory (Windows): nothing more we can do
  }
  try {
    await handle.sync();
  } catch (e) {
    // some file systems refuse fsync on a directory; the rename itself has happened
    if (!['EINVAL', 'EISDIR', 'EPERM', 'EBADF'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
  } finally {
    await handle.close();
  }
}
