import { parseArgs } from 'node:util';
import { importSigningKey, issueToken } from '@citipart/gateway';
import { Role, check } from '@citipart/subgraph-kit';
import { loadLocalConfig } from './local-config';
import { loadLocalSecrets } from './local-secrets';

/**
 * `npm run token -- --role PARTNER_EDITOR --partner <id>` or `--role NETWORK_ADMIN`:
 * issues a token signed with the key `npm start` trusts (kept in the data folder, or
 * JWT_PRIVATE_KEY). Prints what it issued on stderr and the token alone on the last line.
 */
const USAGE =
  'usage: npm run token -- --role NETWORK_ADMIN|PARTNER_EDITOR [--partner <partner id>] [--subject <who>] [--expires 8h]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      partner: { type: 'string' },
      subject: { type: 'string' },
      expires: { type: 'string', default: '8h' },
    },
  });
  const role = values.role as Role;
  if (!Object.values(Role).includes(role)) throw new Error(`--role must be NETWORK_ADMIN or PARTNER_EDITOR\n${USAGE}`);
  if (role === Role.PARTNER_EDITOR && !values.partner)
    throw new Error(`a PARTNER_EDITOR token needs --partner\n${USAGE}`);
  if (role === Role.NETWORK_ADMIN && values.partner) throw new Error(`an admin token names no partner\n${USAGE}`);
  const partnerId = values.partner && check.slug(values.partner, '--partner');
  if (!/^\d+[smhd]$/.test(values.expires!)) throw new Error('--expires must be a number and s, m, h or d, e.g. 8h');

  const config = loadLocalConfig(process.env);
  const privateKey = config.jwtPrivateKey ?? (await loadLocalSecrets(config.dataDir)).jwtPrivateKey;
  const subject = values.subject ?? (partnerId ? `editor@${partnerId}` : 'network-admin');
  const token = await issueToken(await importSigningKey(privateKey), {
    role,
    partnerId,
    subject,
    expiresIn: values.expires,
  });
  process.stderr.write(
    `${role}${partnerId ? ` of ${partnerId}` : ''}, subject "${subject}", valid for ${values.expires}:\n`,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
