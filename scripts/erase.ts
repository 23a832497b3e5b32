import { parseArgs } from 'node:util';
import { importSigningKey, issueToken } from '@citipart/gateway';
import { PARTNER_TYPENAME } from '@citipart/schema';
import { Role, check } from '@citipart/subgraph-kit';
import { loadLocalConfig } from './local-config';
import { loadLocalSecrets } from './local-secrets';

/**
 * `npm run erase -- --email someone@example.org`: the right to erasure, through the gateway
 * as the network admin. Every subgraph removes the person's personal data (members with the
 * address) and erases the address from its audit trail; this prints what each one did.
 */
const ERASURES = ['Network', ...Object.values(PARTNER_TYPENAME)].map((name) => `erase${name}PersonalData`);

interface Report {
  subgraph: string;
  membersRemoved: number;
  auditEntriesAnonymised: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: 'string' } } });
  const email = check.optionalEmail(values.email, '--email');
  if (!email) throw new Error('usage: npm run erase -- --email <address>');
  const config = loadLocalConfig(process.env);
  const privateKey = config.jwtPrivateKey ?? (await loadLocalSecrets(config.dataDir)).jwtPrivateKey;
  const token = await issueToken(await importSigningKey(privateKey), {
    role: Role.NETWORK_ADMIN,
    subject: 'erase-command',
    expiresIn: '5m',
  });
  const fields = ERASURES.map((field) => `${field}(email: $email) { subgraph membersRemoved auditEntriesAnonymised }`);
  const response = await fetch(config.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: `mutation Erase($email: String!) { ${fields.join(' ')} }`, variables: { email } }),
  });
  const body = (await response.json()) as { data?: Record<string, Report | null>; errors?: { message: string }[] };
  for (const field of ERASURES) {
    const report = body.data?.[field];
    if (report) {
      process.stdout.write(
        `${report.subgraph}: ${report.membersRemoved} member(s) removed, ${report.auditEntriesAnonymised} audit entr${report.auditEntriesAnonymised === 1 ? 'y' : 'ies'} anonymised\n`,
      );
    }
  }
  if (body.errors?.length) {
    throw new Error(`the erasure is incomplete:\n${body.errors.map((error) => `  ${error.message}`).join('\n')}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
