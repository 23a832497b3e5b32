import dns from 'node:dns';
import net from 'node:net';
import { type TestGraph, startGraph } from '../support/graph';

// Nothing leaves the machine unasked: while the five subgraphs and the gateway start and
// answer queries, every connection they open and every name they look up is recorded, and
// all of them must be this machine. @apollo/gateway, left alone, reports usage to Apollo and
// probes a cloud metadata address (gateway/src/gateway.server.ts turns that off in code).

const seen: string[] = [];
const originalConnect = net.Socket.prototype.connect;
const originalLookup = dns.lookup;

function record(target: unknown): void {
  if (typeof target === 'object' && target !== null) {
    const { host, path, port } = target as { host?: string; path?: string; port?: number };
    seen.push(path ? `unix:${path}` : `${host ?? 'localhost'}:${port ?? ''}`);
  } else if (typeof target === 'number') seen.push(`localhost:${target}`);
  else if (typeof target === 'string') seen.push(`unix:${target}`);
}

beforeAll(() => {
  // Recorded and passed on unchanged: the real connection still happens.
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    record(Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0]);
    return (originalConnect as (...rest: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  dns.lookup = function (hostname: string, ...rest: unknown[]) {
    seen.push(`lookup:${hostname}`);
    return (originalLookup as (...all: unknown[]) => void)(hostname, ...rest);
  } as typeof dns.lookup;
});
afterAll(() => {
  net.Socket.prototype.connect = originalConnect;
  dns.lookup = originalLookup;
});

const LOCAL = /^(lookup:)?(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])(:\d*)?$|^unix:/;

let graph: TestGraph | undefined;
afterAll(() => graph?.stop());

test('the services open connections only on this machine while starting and answering', async () => {
  graph = await startGraph('outbound');
  const response = await graph.query(
    `{ network { name } partners { nodes { name ... on City { region } activities { totalCount } } } }`,
  );
  expect(response.errors).toBeUndefined();
  // Exporters and probes run in the background after start: give them time to try.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.filter((target) => !LOCAL.test(target))).toEqual([]);

  // The recorder sees a connection out (TEST-NET-1, never routed), so the check above can fail.
  const before = seen.length;
  const socket = net.connect({ host: '192.0.2.1', port: 9 });
  socket.on('error', () => undefined);
  socket.destroy();
  expect(seen.slice(before).filter((target) => !LOCAL.test(target))).toEqual(['192.0.2.1:9']);
});
