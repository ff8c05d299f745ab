/**
 * The renderer's Content-Security-Policy: its own scripts only (no eval, no inline script), no
 * network but its own api, no plugins, no frames. Styles allow inline because Mantine sets CSS
 * variables in style attributes; scripts never do.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
  ].join('; ');
}
