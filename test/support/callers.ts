import { Role } from '@citipart/subgraph-kit';
import type { TestGraph } from './graph';

/** The partners of the built-in dataset, and one of each type to write to. */
export const PARTNER_IDS = [
  'bbag',
  'centre-europeen-robert-schuman',
  'europski-dom-dubrovnik',
  'gemma-villach',
  'maison-europe-nimes',
  'maison-europe-yvelines',
  'miasto-sosnowiec',
  'polska-fundacja-roberta-schumana',
] as const;

export const PARTNER_OF_TYPE = {
  City: 'miasto-sosnowiec',
  EuropeanHouse: 'europski-dom-dubrovnik',
  Foundation: 'bbag',
  YouthAssociation: 'gemma-villach',
} as const;

export type TypeName = keyof typeof PARTNER_OF_TYPE;

/** Tokens for the admin and for an editor of every partner. */
export async function callers(graph: TestGraph) {
  const editors: Record<string, string> = {};
  for (const partnerId of PARTNER_IDS) {
    editors[partnerId] = await graph.token({
      role: Role.PARTNER_EDITOR,
      partnerId,
      subject: `staff@${partnerId}.example.org`,
    });
  }
  const admin = await graph.token({ role: Role.NETWORK_ADMIN, subject: 'coordinator@example.org' });
  return { admin, editors };
}
