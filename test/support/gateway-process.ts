import { type ChildProcess, spawn } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { subgraphUrlVariable } from '@citipart/gateway';
import type { TestGraph } from './graph';
import { freePort } from './ports';

/** The gateway as `npm start` runs it: a process of its own, routed to a test graph's subgraphs. */
export interface GatewayProcess {
  url: string;
  /** CPU time the process has used so far, in milliseconds (10 ms steps, from /proc). */
  cpuMs(): number;
  /** The process's resident memory now, in bytes. */
  rssBytes(): number;
  stop(): Promise<void>;
}

/**
 * Starts `gateway/src/main.ts` in a child process over the subgraphs of `graph`, so that a
 * test can measure the gateway alone: its CPU and memory, not those of the jest worker that
 * also holds the subgraphs and whatever earlier test files left in its heap.
 */
export async function startGatewayProcess(graph: TestGraph): Promise<GatewayProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    PORT: String(port),
    GATEWAY_SECRET: graph.gatewaySecret,
    JWT_PUBLIC_KEY: createPublicKey(graph.jwtPrivateKey).export({ type: 'spki', format: 'pem' }).toString(),
    // Every request reaches the subgraphs, as with the tests' in-process gateways (the
    // response cache's own tests are in test/graph/response-cache.postgres.test.ts).
    RESPONSE_CACHE: 'off',
  };
  for (const [name, subgraph] of graph.subgraphs) env[subgraphUrlVariable(name)] = subgraph.url;
  const root = join(__dirname, '..', '..');
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'gateway/src/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const url = `http://127.0.0.1:${port}/graphql`;
  const proc = (file: string) => readFileSync(`/proc/${child.pid}/${file}`, 'utf8');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000, undefined, { ref: false }).then(() => child.kill('SIGKILL'))]);
  };
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the gateway process exited: ${stderr}`);
    const ready = await fetch(new URL('/ready', url)).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) {
      return {
        url,
        cpuMs: () => {
          // Fields 14 and 15 of /proc/<pid>/stat (after the command name): user and system
          // time, in clock ticks of 10 ms.
          const fields = proc('stat')
            .slice(proc('stat').lastIndexOf(')') + 2)
            .split(' ');
          return (Number(fields[11]) + Number(fields[12])) * 10;
        },
        rssBytes: () => Number(/VmRSS:\s+(\d+) kB/.exec(proc('status'))![1]) * 1024,
        stop,
      };
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`the gateway process did not get ready: ${stderr}`);
}
