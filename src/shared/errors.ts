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
  /** The federation server cannot be reached (the desk keeps working offline). */
  'OFFLINE',
  /** The federation server answered something the desk cannot use. */
  'SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status each error travels with, through the browser door and the federation server. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  FILE_INVALID: 400,
  BUNDLE_INVALID: 400,
  TOO_LARGE: 413,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  CONFLICT: 409,
  DB_TOO_NEW: 409,
  DB_DAMAGED: 409,
  DB_BUSY: 503,
  CANCELLED: 409,
  DB_UNREADABLE: 500,
  INTERNAL: 500,
  OFFLINE: 503,
  SERVER_ERROR: 502,
};

export function httpStatusOf(code: string): number {
  return (HTTP_STATUS as Record<string, number | undefined>)[code] ?? 400;
}

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
