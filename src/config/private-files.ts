/**
 * What the server keeps under DATA_DIR (the interaction log, the user-hash secret, the
 * knowledge versions) is for the server's own user only: the folder is made 700 and the
 * files 600, also when they already existed with wider permissions (made by an older
 * version, or by a umask of 022). Where the owner cannot be changed (a folder that is not
 * ours), the permissions are left as they are.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

function tighten(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch {
    // Not ours to change (another owner, a read-only mount): leave it.
  }
}

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  tighten(dir, PRIVATE_DIR);
}

/** Create the file empty with mode 600 if it is missing (before anyone writes to it), or tighten it. */
export function ensurePrivateFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE));
  tighten(path, PRIVATE_FILE);
}

/** Tighten the file if it exists (SQLite's -wal and -shm files, made by SQLite itself). */
export function tightenIfExists(path: string): void {
  if (existsSync(path)) tighten(path, PRIVATE_FILE);
}
