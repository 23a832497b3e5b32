import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const started = globalThis.__citipartTestDatabase;
  if (!started) return;
  await started.database.stop();
  await rm(started.dir, { recursive: true, force: true });
}
