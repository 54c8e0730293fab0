import { randomBytes, timingSafeEqual } from 'node:crypto';

// Double-submit CSRF protection: the page sets a random value in an HttpOnly, SameSite=Strict
// cookie scoped to the portal's path and repeats it in a hidden field; a post must carry both,
// equal. Another site can neither read the cookie nor make the browser send it.

export const CSRF_COOKIE = 'giaoban_portal_csrf';

const CSRF_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

// The value of one cookie in a Cookie header, or null when it is absent or malformed.
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const pair of header.split(';')) {
    const index = pair.indexOf('=');
    if (index < 0 || pair.slice(0, index).trim() !== name) continue;
    const value = pair.slice(index + 1).trim();
    return CSRF_PATTERN.test(value) ? value : null;
  }
  return null;
}

export interface CsrfCookieOptions {
  // The path the browser sees the portal under (with a reverse proxy's prefix, if any).
  path: string;
  secure: boolean;
}

export function csrfSetCookie(value: string, options: CsrfCookieOptions): string {
  return `${CSRF_COOKIE}=${value}; Path=${options.path}; HttpOnly; SameSite=Strict${options.secure ? '; Secure' : ''}`;
}

// Where the cookie applies, from the portal's public base URL ('/portal' without one).
export function csrfCookieOptions(portalBaseUrl: string | null): CsrfCookieOptions {
  if (!portalBaseUrl) return { path: '/portal', secure: false };
  try {
    const url = new URL(portalBaseUrl);
    return { path: `${url.pathname.replace(/\/+$/, '')}/portal`, secure: url.protocol === 'https:' };
  } catch {
    return { path: '/portal', secure: false };
  }
}

// Constant-time comparison of the cookie and the posted field; both must be present and well formed.
export function csrfMatches(cookie: string | null, field: string | undefined): boolean {
  if (!cookie || field === undefined || !CSRF_PATTERN.test(field)) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(field));
}
