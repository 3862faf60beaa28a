import { isAppError } from '../../../src/shared/errors';

/** The Chinese message of the AppError `f` throws, or '' when it does not throw. */
export function refusalOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isAppError(e)) return e.message;
    throw e;
  }
  return '';
}
