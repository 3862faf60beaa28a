import { ApiError } from '../../../shared/api/client';

/** An error as one line for a message toast, with the first details when there are any. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.details.length > 0 ? `${e.message}：${e.details.slice(0, 3).join('；')}` : e.message;
  return e instanceof Error ? e.message : String(e);
}
