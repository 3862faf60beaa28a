import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, type Locator, type Page } from '@playwright/test';
import { createDispatch, createHandlers, defaultTemplatesDir, Library } from '../../src/core';
import { startBrowserDoor, type RunningDoor } from '../../src/server/browserDoor';

export const STATIC_DIR = resolve('out/renderer');
export const SCREENSHOTS = resolve('test-results');

export interface Door {
  door: RunningDoor;
  lib: Library;
  dbPath: string;
  /** Open the app in a page, with the door's token. */
  open(page: Page, hash?: string): Promise<void>;
}

/** A browser door on a fresh library database in its own folder; closed and removed after the test. */
export async function startDoor(): Promise<Door & { stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'shance-e2e-'));
  const dbPath = join(dir, 'library.db');
  const lib = Library.open(dbPath);
  const door = await startBrowserDoor({ dispatch: createDispatch(createHandlers({ lib, templatesDir: defaultTemplatesDir() })), staticDir: STATIC_DIR });
  return {
    door,
    lib,
    dbPath,
    open: async (page, hash = '') => {
      await page.goto(door.url + hash);
      // Screens past the first load their code after the page (React.lazy): wait for it as goto waits
      // for the page, so a test's own timeouts start from a loaded screen even on a busy machine.
      await base.expect(page.getByText('正在加载…', { exact: true })).toHaveCount(0, { timeout: 60_000 });
    },
    stop: async () => {
      await door.close();
      lib.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ app: Door }>({
  // Playwright reads a fixture's dependencies from this (empty) pattern.
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const d = await startDoor();
    await use(d);
    await d.stop();
  },
});

export { expect } from '@playwright/test';

/** An input method in the middle of composing: the pinyin shows, nothing is committed yet. */
export async function imeCompose(page: Page, pinyin: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 1; i <= pinyin.length; i += 1) {
    const partial = pinyin.slice(0, i);
    await cdp.send('Input.imeSetComposition', { text: partial, selectionStart: partial.length, selectionEnd: partial.length });
  }
  await cdp.detach();
}

/** The input method commits its candidate, ending the composition. */
export async function imeCommit(page: Page, result: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.insertText', { text: result });
  await cdp.detach();
}

/** Type through the IME path: composition events as a Chinese input method produces them, then the commit. */
export async function typeWithIme(page: Page, pinyin: string, result: string): Promise<void> {
  await imeCompose(page, pinyin);
  await imeCommit(page, result);
}

export async function waitSaved(page: Page): Promise<void> {
  await base.expect(page.getByTestId('save-status')).toContainText('已保存', { timeout: 15_000 });
}

/**
 * Opens an antd select and picks the option with this title, typing `search` first when the list is
 * long (virtual lists show only the options near the top). On a busy CI machine a click that landed
 * while a dialog was still zooming in once left the list shut and the test waited out its minute, so
 * the click is repeated until the option shows (never while it shows: a second click would close the list).
 * A click on the option itself once picked nothing too, so the pick is done once the list has closed.
 */
export async function chooseOption(page: Page, select: Locator, title: string, search?: string): Promise<void> {
  // A list that is still closing from the last pick holds the same option for a moment; it is not the one to click.
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"])');
  const option = open.locator('.ant-select-item-option').and(page.getByTitle(title, { exact: true })).filter({ visible: true }).first();
  await base.expect(async () => {
    if (!(await option.isVisible())) {
      await select.click();
      if (search !== undefined) {
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type(search);
      }
    }
    await base.expect(option).toBeVisible({ timeout: 2_000 });
    await option.click();
    // A click on a list still moving in can pick nothing (the list stays open, the old value kept): pick again.
    await base.expect(open).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}
