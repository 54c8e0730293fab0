import { createHash, randomBytes } from 'node:crypto';

// A portal link is `<portalBaseUrl>/portal/<token>`: 32 random bytes in base64url (256 bits).
// Only the SHA-256 of a token is stored, so the table alone opens no form.

export const TOKEN_BYTES = 32;
export const PORTAL_LINK_LIFETIME_DAYS = 30;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const DAY_MS = 86_400_000;
export const PORTAL_LINK_LIFETIME_MS = PORTAL_LINK_LIFETIME_DAYS * DAY_MS;

export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

// Lower-case hex, as stored in portal_tokens.token_hash.
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

// What generateToken() makes; anything else is answered without a database lookup.
export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

// A link works until 30 days after the period's briefing meeting.
export function linkExpiresAt(briefingAt: Date): Date {
  return new Date(briefingAt.getTime() + PORTAL_LINK_LIFETIME_MS);
}

// The base URL as set in the settings, with or without a trailing slash or a path of its own.
export function portalUrl(portalBaseUrl: string, token: string): string {
  return `${portalBaseUrl.replace(/\/+$/, '')}/portal/${token}`;
}

// A request path as logs may keep it: a portal link's token opens a unit's form, so it is never
// written to a log line.
export function withoutPortalToken(url: string | undefined): string | undefined {
  return url?.replace(/^(\/portal\/)(?!assets\/)[^/?#]+/, '$1[token]');
}
