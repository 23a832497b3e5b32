import { once } from 'node:events';
import { openLocalDatabase } from '../../scripts/local-database';
import { SetupError } from '../../scripts/setup-error';

// Opens the embedded database over the data folder in argv[2] on the port in argv[3], as
// `npm start` does, as a process of its own (run by local-database.test.ts: the package is an
// ES module that jest cannot load). Prints one JSON line, then stops the server it started;
// with `hold` in argv[4], only once stdin closes.

async function main(): Promise<void> {
  try {
    const database = await openLocalDatabase({ dataDir: process.argv[2]!, port: Number(process.argv[3]) });
    process.stdout.write(`${JSON.stringify({ ok: true, url: database.url })}\n`);
    if (process.argv[4] === 'hold') {
      process.stdin.resume();
      await once(process.stdin, 'end');
    }
    await database.stop();
  } catch (error) {
    const { message } = error as Error;
    process.stdout.write(`${JSON.stringify({ ok: false, setup: error instanceof SetupError, message })}\n`);
  }
}

void main().then(() => process.exit(0));
