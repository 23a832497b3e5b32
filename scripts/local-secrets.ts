import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What `npm start` and `npm run token` share on one machine, kept in the data folder. */
export interface LocalSecrets {
  /** PKCS#8 PEM of the Ed25519 key tokens are signed with (`npm run token`). */
  jwtPrivateKey: string;
  /** SPKI PEM of its public half, which the gateway verifies tokens with. */
  jwtPublicKey: string;
  /** Signs the identity the gateway passes on to the subgraphs. */
  gatewaySecret: string;
}

/**
 * Reads a secret file, or creates it once. The value is written to a file of its own and
 * then linked into place, which fails if the name exists: a reader never sees a half-written
 * file, and two racing first starts keep one value.
 */
async function readOrCreate(path: string, make: () => string): Promise<string> {
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(draft, make(), { mode: 0o600 });
    await link(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(draft).catch(() => undefined);
  }
  return readFile(path, 'utf8');
}

export const publicKeyOf = (privateKeyPem: string) =>
  createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();

/**
 * The local key pair and gateway secret: made on first use, then kept, so that tokens issued
 * by `npm run token` stay valid across restarts of `npm start`. `jwt-public.pem` is a copy
 * for other tools (docker/compose.yaml); the public key in use is always derived from the
 * private one.
 */
export async function loadLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const dir = join(dataDir, 'secrets');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const jwtPrivateKey = await readOrCreate(join(dir, 'jwt-private.pem'), () =>
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
  const jwtPublicKey = publicKeyOf(jwtPrivateKey);
  await readOrCreate(join(dir, 'jwt-public.pem'), () => jwtPublicKey);
  const gatewaySecret = (
    await readOrCreate(join(dir, 'gateway-secret'), () => randomBytes(32).toString('base64url'))
  ).trim();
  return { jwtPrivateKey, jwtPublicKey, gatewaySecret };
}
