import { dialog, shell, type BaseWindow, type Session, type WebContents } from 'electron';

/** Only web links ever leave the app, and only to the user's browser. */
export function isWebLink(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Ask before opening a web link in the browser: a link inside a proposal or a rule pack's source
 * is text from someone else, and one click should not be enough to leave the app for it.
 */
export async function confirmAndOpenExternal(url: string, parent: BaseWindow | null = null): Promise<boolean> {
  if (!isWebLink(url)) return false;
  const options = {
    type: 'question' as const,
    buttons: ['在浏览器中打开', '取消'],
    defaultId: 1,
    cancelId: 1,
    title: '打开外部链接',
    message: '要在浏览器中打开这个链接吗？',
    detail: `${url}\n\n这个链接不属于善策。请确认它来自可信的来源。`,
    noLink: true,
  };
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  if (response !== 0) return false;
  await shell.openExternal(url);
  return true;
}

/** No camera, microphone, notifications, devices or anything else a page could ask for. */
export function hardenSession(s: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.setDevicePermissionHandler(() => false);
}

type NavigationEvent = { preventDefault(): void; url?: string };

/**
 * Every window stays on the app: navigation, redirects and frame navigations to anything else are
 * stopped (a web link is offered to the browser after confirmation), new windows are never
 * created, webviews never attached.
 */
export function hardenContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  isAppUrl: (url: string) => boolean,
  openExternal: (url: string) => unknown = (url) => confirmAndOpenExternal(url),
): void {
  const stayInApp = (event: NavigationEvent, url?: string) => {
    const target = url ?? event.url ?? '';
    if (isAppUrl(target)) return;
    event.preventDefault();
    if (isWebLink(target)) void openExternal(target);
  };
  contents.on('will-navigate', stayInApp as never);
  contents.on('will-redirect', ((event: NavigationEvent, url?: string) => {
    const target = url ?? event.url ?? '';
    if (!isAppUrl(target)) event.preventDefault();
  }) as never);
  contents.on('will-frame-navigate', ((event: NavigationEvent) => {
    if (!isAppUrl(event.url ?? '')) event.preventDefault();
  }) as never);
  contents.on('will-attach-webview', ((event: NavigationEvent) => event.preventDefault()) as never);
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) void openExternal(url);
    return { action: 'deny' };
  });
}
