import { createHash, randomBytes } from 'node:crypto';

// Keys are 256 random bits, so a plain SHA-256 is enough to store them: there is nothing to
// brute-force, and a fast hash keeps each request's lookup cheap.
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): string {
  return `gb_${randomBytes(32).toString('base64url')}`;
}

export function keyPrefix(key: string): string {
  return key.slice(0, 8);
}
