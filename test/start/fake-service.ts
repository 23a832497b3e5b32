import { createServer } from 'node:net';

// A stand-in for a service of the graph, run by the supervisor in supervisor.test.ts (through
// ./supervise.ts): a real Node process that behaves towards its supervisor as
// subgraphs/kit/src/serve.ts does, without a database or a GraphQL server. Its name is
// argv[2]; with `die-at-start` in argv[3] it exits with code 3 before becoming ready, every
// time. Otherwise it listens on its port, says `ready` over IPC, and crashes (exit code 70)
// on SIGUSR2. It prints what it is given, so the test can see a restart get the same.

interface FakeConfig {
  port: number;
  mark: string;
}

/** What the supervisor handed it, as a real service's configuration would be read. */
function loadFakeConfig(env: NodeJS.ProcessEnv): FakeConfig {
  return { port: Number(env.PORT), mark: env.FAKE_SERVICE_MARK ?? '' };
}

const [name, mode] = process.argv.slice(2);
const config = loadFakeConfig(process.env);
process.stdout.write(`${name} started pid ${process.pid}\n`);

if (mode === 'die-at-start') {
  process.stderr.write(`${name}: cannot start\n`);
  process.exit(3);
}

const server = createServer((socket) => socket.end());
server.listen(config.port, '127.0.0.1', () => {
  process.stdout.write(`${name} ready pid ${process.pid} port ${config.port} mark ${config.mark}\n`);
  process.send!({ type: 'ready', service: name, url: `http://127.0.0.1:${config.port}/` });
});
const exit = (code: number) => server.close(() => process.exit(code));
process.on('SIGTERM', () => exit(0));
process.on('SIGINT', () => exit(0));
process.on('SIGUSR2', () => process.exit(70));
// As a real service: without its supervisor, it must not linger.
process.on('disconnect', () => exit(0));
