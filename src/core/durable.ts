/**
 * Durable file writes: a crash or a power cut leaves either the previous file (or none) or the whole new file,
 * never half of it. Used by the CLI's output files and by the upload store's originals.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Options of `writeFileDurably`. */
export interface DurableWriteOptions {
  /** Permissions of a new file (default 0o666, less the umask). */
  mode?: number;
  /** Creates the missing directories (owner-only), durably; otherwise a missing directory fails with ENOENT. */
  createDirectory?: boolean;
}

/**
 * Writes `bytes` to `path` through a temporary file beside it: write, fsync, rename, fsync of the directory.
 * Returns nothing; throws the file system's error (the temporary file removed), for the caller to word.
 */
export function writeFileDurably(path: string, bytes: Uint8Array, options: DurableWriteOptions = {}): void {
  const dir = dirname(path);
  if (options.createDirectory === true) mkdirDurably(dir);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', options.mode ?? 0o666);
    try {
      writeFileSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncDirectory(dir);
}

/** Creates a directory (owner-only) and its missing parents, each entry made durable in its parent; returns nothing. */
export function mkdirDurably(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (!existsSync(parent)) mkdirDurably(parent);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    // Another process created it in the meantime.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  fsyncDirectory(parent);
}

/** Flushes a directory's entries (new files, renames) to disk; returns nothing (a no-op on Windows). */
export function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
