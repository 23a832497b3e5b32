import { PARTNER_TYPENAME, buildFederatedSchema } from '@citipart/schema';
import { AuditEntry, type SubgraphContext, type SubgraphDefinition, insertMissing } from '@citipart/subgraph-kit';
import { RosterMutations } from './roster.mutations';
import { Delegation } from './delegation.entity';
import { loadMeeting, loadPartner } from './loaders';
import { Meeting, MeetingTextsResolver } from './meeting.entity';
import { DelegationResolver, MeetingResolver } from './meeting.resolver';
import { Migration20261127000000Roster } from './migrations/Migration20261127000000Roster';
import { Migration20261128000000RosterWrites } from './migrations/Migration20261128000000RosterWrites';
import { Migration20261129000000NetworkLanguages } from './migrations/Migration20261129000000NetworkLanguages';
import { NetworkInfo, NetworkTextsResolver } from './network.entity';
import { NetworkResolver } from './network.resolver';
import { Partner, ROSTER_TYPES } from './partner.entity';
import { PartnerResolver } from './partner.resolver';
import { delegations, meetings, network, partners } from './seed/network.data';

const resolvePartner = {
  __resolveReference: (reference: { id: string }, ctx: SubgraphContext) => loadPartner(ctx, reference.id),
};

export const networkSubgraph: SubgraphDefinition = {
  name: 'network',
  defaultPort: 4001,
  defaultSchema: 'network',
  entities: [NetworkInfo, Partner, Meeting, Delegation, AuditEntry],
  migrations: [
    { name: 'Migration20261127000000Roster', class: Migration20261127000000Roster },
    { name: 'Migration20261128000000RosterWrites', class: Migration20261128000000RosterWrites },
    { name: 'Migration20261129000000NetworkLanguages', class: Migration20261129000000NetworkLanguages },
  ],
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [
        NetworkResolver,
        NetworkTextsResolver,
        PartnerResolver,
        MeetingResolver,
        MeetingTextsResolver,
        DelegationResolver,
        RosterMutations,
      ],
      orphanedTypes: ROSTER_TYPES,
      referenceResolvers: {
        // `_entities` may name the interface or any of its types.
        ...Object.fromEntries(['Partner', ...Object.values(PARTNER_TYPENAME)].map((name) => [name, resolvePartner])),
        Meeting: {
          __resolveReference: (reference: { id: string }, ctx: SubgraphContext) => loadMeeting(ctx, reference.id),
        },
      },
    }),
  // Order matters: meetings point at partners, delegations at both.
  seed: async (em) => ({
    network: await insertMissing(em, NetworkInfo, [network]),
    partner: await insertMissing(em, Partner, partners),
    meeting: await insertMissing(em, Meeting, meetings),
    delegation: await insertMissing(em, Delegation, delegations),
  }),
  hasData: async (em) => (await em.count(NetworkInfo)) > 0,
};
