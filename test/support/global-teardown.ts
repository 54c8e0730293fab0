import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as { __giaobanStops?: Array<() => Promise<void>> }).__giaobanStops ?? [];
  for (const stop of stops.reverse()) await stop();
  if (process.env.GIAOBAN_TEST_TMP) rmSync(process.env.GIAOBAN_TEST_TMP, { recursive: true, force: true });
}
