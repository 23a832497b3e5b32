import { inspect } from 'node:util';

/** One line per event, prefixed with the service, on stderr (stdout stays for data). */
export function log(service: string, message: string, detail?: unknown): void {
  const suffix =
    detail === undefined ? '' : ` ${detail instanceof Error ? (detail.stack ?? detail.message) : inspect(detail)}`;
  process.stderr.write(`${new Date().toISOString()} [${service}] ${message}${suffix}\n`);
}
