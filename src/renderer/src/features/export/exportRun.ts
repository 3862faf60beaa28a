import { useCallback, useEffect, useRef, useState } from 'react';
import type { PackDownload } from '../../../../shared/api/methods/export';
import type { PlatformId } from '../../../../shared/domain/catalog';
import type { Finding } from '../../../../shared/rules/finding';
import { api } from '../../api';
import { errorText } from '../../util/errors';

export type WrittenPack = Extract<PackDownload, { status: 'written' }>;

export interface ExportJob {
  platform: PlatformId;
  label: string;
  /** Blank: no override, a platform with errors is refused. */
  reason: string;
}

/** What became of one platform in a run. */
export type Outcome = { platform: PlatformId; label: string } & (
  | { state: 'written'; pack: WrittenPack }
  | { state: 'refused'; message: string; errors: Finding[] }
  | { state: 'failed'; error: string }
  /** The user stopped the run before this platform's turn. */
  | { state: 'stopped' }
);

export interface Progress {
  done: number;
  total: number;
  /** The platform being written now; null when the run is over. */
  current: string | null;
}

/** One platform's pack. A refusal is a result; only a failure to write it becomes 'failed'. */
export async function exportOne(id: string, job: ExportJob): Promise<Outcome> {
  const base = { platform: job.platform, label: job.label };
  try {
    const r = await api.call('export.pack', { id, platform: job.platform, overrideReason: job.reason.trim() || null });
    return r.status === 'written' ? { ...base, state: 'written', pack: r } : { ...base, state: 'refused', message: r.message, errors: r.errors };
  } catch (e) {
    return { ...base, state: 'failed', error: errorText(e) };
  }
}

/**
 * Exports platform by platform (one call each), so the dialog can show progress between calls and
 * stop between platforms. Each call is awaited; nothing here blocks the page while the core works.
 */
export function useExportRun(id: string) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [running, setRunning] = useState(false);
  const [stopping, setStopping] = useState(false);
  const stopRequested = useRef(false);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      // Leaving the dialog mid-run stops it after the platform in hand.
      alive.current = false;
      stopRequested.current = true;
    };
  }, []);

  const start = useCallback(
    async (jobs: ExportJob[]) => {
      stopRequested.current = false;
      setStopping(false);
      setRunning(true);
      setOutcomes([]);
      const results: Outcome[] = [];
      for (const [i, job] of jobs.entries()) {
        if (stopRequested.current) {
          results.push(...jobs.slice(i).map((j): Outcome => ({ platform: j.platform, label: j.label, state: 'stopped' })));
          break;
        }
        setProgress({ done: i, total: jobs.length, current: job.label });
        results.push(await exportOne(id, job));
        if (!alive.current) return;
        setOutcomes([...results]);
      }
      setOutcomes(results);
      setProgress({ done: results.filter((o) => o.state !== 'stopped').length, total: jobs.length, current: null });
      setRunning(false);
    },
    [id],
  );

  /** Export one platform again (say, with an override reason) and put its result in place of the old one. */
  const retry = useCallback(
    async (job: ExportJob) => {
      const outcome = await exportOne(id, job);
      if (alive.current) setOutcomes((list) => list.map((o) => (o.platform === job.platform ? outcome : o)));
      return outcome;
    },
    [id],
  );

  const stop = useCallback(() => {
    stopRequested.current = true;
    setStopping(true);
  }, []);

  const reset = useCallback(() => {
    setOutcomes([]);
    setProgress(null);
  }, []);

  return { progress, outcomes, running, start, retry, stop, reset, stopping: running && stopping };
}
