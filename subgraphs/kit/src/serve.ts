import { log } from './log';

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

/**
 * The life of a service process: start it, say where it listens (on stderr, and to the
 * `npm start` supervisor over IPC when there is one), stop it on SIGINT/SIGTERM, and exit
 * non-zero if it cannot start.
 */
export async function serve(name: string, start: () => Promise<RunningService>): Promise<void> {
  let service: RunningService | undefined;
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    log(name, `stopping (${reason})`);
    try {
      // While still starting there is nothing to stop but the process itself.
      await service?.stop();
      process.exit(0);
    } catch (error) {
      log(name, 'failed to stop cleanly', error);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Started by `npm start`: when that supervisor dies, even by SIGKILL and even while this
  // service is still starting, the IPC channel closes, and the service must not linger
  // holding its port.
  if (process.send) process.on('disconnect', () => void stop('supervisor gone'));

  try {
    service = await start();
  } catch (error) {
    log(name, 'failed to start', error);
    process.exit(1);
  }
  log(name, `ready at ${service.url}`);
  if (process.connected) process.send?.({ type: 'ready', service: name, url: service.url });
}
