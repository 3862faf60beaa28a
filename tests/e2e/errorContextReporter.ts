import { readFileSync } from 'node:fs';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * CI keeps only what the run prints, not test-results/: a failed test's page snapshot (the
 * messages on screen, the open dialogs, the URL) is printed after the list reporter's error, so a
 * failure seen once on a fresh machine can be understood without running it again.
 */
export default class ErrorContextReporter implements Reporter {
  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === 'passed' || result.status === 'skipped') return;
    for (const a of result.attachments) {
      if (a.name !== 'error-context' || !a.path) continue;
      let text: string;
      try {
        text = readFileSync(a.path, 'utf8');
      } catch {
        continue;
      }
      // The file repeats the error the list reporter has printed; the page snapshot follows it.
      const snapshot = text.slice(Math.max(0, text.indexOf('```yaml')));
      process.stdout.write(`\n── 失败时的页面 page at failure: ${test.titlePath().filter(Boolean).join(' › ')} ──\n${snapshot}\n`);
    }
  }

  printsToStdio(): boolean {
    return true;
  }
}
