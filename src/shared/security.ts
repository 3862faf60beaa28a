/**
 * The content security policy of the renderer, for the HTML meta tag (Electron loads files) and the
 * browser door's header. Scripts only from the app itself; antd writes its styles at run time, so
 * inline styles are allowed; images may be data/blob URLs made from the library's own pictures.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
