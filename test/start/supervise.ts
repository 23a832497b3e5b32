import { join } from 'node:path';
import { type RestartPolicy, Supervisor, superviseUntilStopped } from '../../scripts/supervisor';

// The supervisor of `npm start` (scripts/supervisor.ts) over stand-in services
// (./fake-service.ts), as a process of its own, run by supervisor.test.ts: signals reach it
// as they would reach `npm start`. argv[2] is a JSON plan: the services (name, mode, port,
// mark) and, optionally, the restart policy. It prints `all ready` once each service has
// been ready.

interface Plan {
  services: { name: string; mode: 'serve' | 'die-at-start'; port: number; mark: string }[];
  policy?: RestartPolicy;
}

const ROOT = join(__dirname, '..', '..');
const plan = JSON.parse(process.argv[2]!) as Plan;

const supervisor = new Supervisor(
  plan.services.map((service) => ({
    name: service.name,
    entry: join(__dirname, 'fake-service.ts'),
    args: [service.name, service.mode],
    execArgv: ['-r', '@swc-node/register'],
    cwd: ROOT,
    env: { PORT: String(service.port), FAKE_SERVICE_MARK: service.mark },
  })),
  { policy: plan.policy },
);
superviseUntilStopped(supervisor);
void supervisor.allReady.then(() => process.stdout.write('all ready\n'));
