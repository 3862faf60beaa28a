import { AppError } from '../../shared/errors';

/**
 * Progress and cancellation for long operations. Outside a job (the CLI, tests) both are no-ops;
 * inside a job's worker thread the runner installs a sink that posts progress to the main thread
 * and a flag the main thread raises when the user presses 取消.
 */
type Sink = (done: number, total: number, label: string) => void;

let sink: Sink | null = null;
let cancelRequested: () => boolean = () => false;

export function installJobContext(report: Sink, isCancelled: () => boolean): void {
  sink = report;
  cancelRequested = isCancelled;
}

export function cancelledError(): AppError {
  return new AppError('CANCELLED', '已取消，未做任何更改');
}

/**
 * A checkpoint in a long loop: says how far the step `label` is, and stops it (by throwing, so an
 * open transaction rolls back) when the user cancelled.
 */
export function checkpoint(label: string, done: number, total: number): void {
  if (cancelRequested()) throw cancelledError();
  sink?.(done, total, label);
}
