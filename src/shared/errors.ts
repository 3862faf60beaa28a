/**
 * Errors that reach the user. `message` is always Simplified Chinese and says what happened and,
 * where it can, what to do; `code` is for programs.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'DB_TOO_NEW',
  'DB_UNREADABLE',
  /** Another program held the library's write lock past the busy timeout. */
  'DB_BUSY',
  /** The library is damaged (or opened read-only because of it); nothing can be written. */
  'DB_DAMAGED',
  /** The user cancelled a long operation; nothing was changed. */
  'CANCELLED',
  'BUNDLE_INVALID',
  'FILE_INVALID',
  'TOO_LARGE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'UNKNOWN_METHOD',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: ErrorCode; message: string; details: readonly string[] } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
