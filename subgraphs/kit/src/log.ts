import { inspect } from 'node:util';

/** One line per event, prefixed with the service, on stderr (stdout stays for data). */
export function log(service: string, message: string, detail?: unknown): void {
  const text =
    typeof detail === 'string' ? detail : detail instanceof Error ? (detail.stack ?? detail.message) : inspect(detail);
  const suffix = detail === undefined ? '' : ` ${text}`;
  process.stderr.write(`${new Date().toISOString()} [${service}] ${message}${suffix}\n`);
}
