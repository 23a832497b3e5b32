import { createInterface } from 'node:readline';
import { takeStartLock } from '../../scripts/start-lock';

// A start racing for a data folder's lock, as a process of its own (run by
// local-database.test.ts): it says `ready`, takes the lock of the folder in argv[2] when it
// reads `go`, says `won <pid>` or `lost <message>`, and keeps the lock until stdin closes.
// With `slow` in argv[3], it dawdles before deleting a stale lock, so that racing starts all
// find the stale lock before any of them has replaced it.

const slow = process.argv[3] === 'slow';

const input = createInterface({ input: process.stdin });
input.once('line', () => {
  takeStartLock(process.argv[2]!, {
    beforeRemovingStale: slow ? () => new Promise((resolve) => setTimeout(resolve, 300)) : undefined,
  }).then(
    (lock) => {
      process.stdout.write(`won ${process.pid}\n`);
      input.once('close', () => void lock.release().then(() => process.exit(0)));
    },
    (error: Error) => {
      process.stdout.write(`lost ${error.message}\n`);
      process.exit(0);
    },
  );
});
process.stdout.write('ready\n');
