import { app, session, shell, type WebContents } from 'electron';

/**
 * Hardening that applies to every window: no permissions, no navigation away from the app, no new
 * windows, no webviews. Links to the web open in the user's browser.
 */
export function hardenApp(isAppUrl: (url: string) => boolean): void {
  app.on('ready', () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
  });
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
