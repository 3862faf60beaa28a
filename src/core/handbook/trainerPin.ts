import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';

/** Beside the library: library.db → library.trainer.json (null for a library in memory). */
export function trainerPinPathFor(libraryPath: string): string | null {
  if (libraryPath === ':memory:') return null;
  const ext = extname(libraryPath);
  return join(dirname(libraryPath), `${basename(libraryPath, ext)}.trainer.json`);
}

const fileSchema = z.object({ salt: z.string().regex(/^[0-9a-f]{32}$/), hash: z.string().regex(/^[0-9a-f]{64}$/) });
export const PIN_PATTERN = /^\d{4,8}$/;

const hashOf = (pin: string, salt: string) => scryptSync(pin, Buffer.from(salt, 'hex'), 32);

/**
 * The trainer's PIN on this computer. The reference fixes (参考改法) of the practice samples are
 * shown only with it, so trainees working on the same machine, or on their own where no PIN was
 * ever set, cannot look them up. Only a salted scrypt hash is kept.
 */
export class TrainerPin {
  /** Kept here when the library is in memory (tests, previews): nothing is written then. */
  private memory: z.infer<typeof fileSchema> | null = null;

  constructor(private readonly path: string | null) {}

  private read(): z.infer<typeof fileSchema> | null {
    if (this.path === null) return this.memory;
    if (!existsSync(this.path)) return null;
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
    if (!parsed.success) throw new AppError('FILE_INVALID', `培训老师口令文件已损坏：${this.path}，删除它后重新设置口令`);
    return parsed.data;
  }

  isSet(): boolean {
    return this.read() !== null;
  }

  verify(pin: string | null): boolean {
    const stored = this.read();
    if (!stored || pin === null) return false;
    return timingSafeEqual(hashOf(pin, stored.salt), Buffer.from(stored.hash, 'hex'));
  }

  /** Set or change the PIN; changing it needs the current one. */
  set(pin: string, current: string | null): void {
    if (!PIN_PATTERN.test(pin)) throw new AppError('INVALID_INPUT', '培训老师口令应为 4～8 位数字');
    if (this.isSet() && !this.verify(current)) throw new AppError('FORBIDDEN', '当前口令不对，口令未修改');
    const salt = randomBytes(16).toString('hex');
    const stored = { salt, hash: hashOf(pin, salt).toString('hex') };
    if (this.path === null) {
      this.memory = stored;
      return;
    }
    // Written whole, then renamed: a crash never leaves half a file that would lock the trainer out.
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(stored));
    renameSync(tmp, this.path);
  }

  /** Throws unless `pin` is this computer's trainer PIN. */
  require(pin: string | null): void {
    if (!this.isSet()) throw new AppError('FORBIDDEN', '参考改法只对培训老师开放：请培训老师先在「手册」页面设置培训老师口令');
    if (!this.verify(pin)) throw new AppError('FORBIDDEN', '培训老师口令不对');
  }
}
