import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * The heap this process still holds after a full garbage collection. `heapUsed` alone counts
 * garbage V8 has not collected yet, which varies with timing from run to run; a bound on
 * live memory must not.
 */
export function liveHeapBytes(): number {
  // A context created after the flag is set carries the `gc` function; jest's own sandbox
  // was created before it and does not.
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  collect();
  return process.memoryUsage().heapUsed;
}
