import { SCHOOL } from '../support/scratch-partner-type';
import { Entity, Property } from '@mikro-orm/core';
import {
  PROFILE_FIELDS,
  PartnerProfile,
  ProfilePatchBase,
  SchemaMigration,
  type SubgraphDefinition,
  check,
  definePartnerTypeSubgraph,
  profileTableMigration,
} from '@citipart/subgraph-kit';
import { networkSubgraph } from '@citipart/network';
import { subgraphNamesOf } from '@citipart/gateway';
import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { type ComposedSupergraph, composeSupergraph } from '../../scripts/supergraph';
import { type TestGraph, startGraph } from '../support/graph';

// A new partner type is its own folder and one line in scripts/subgraphs.ts. Here a
// throwaway sixth subgraph, "schools", is built from the kit the way a partner-type folder
// does it, composed with the other five, and queried through a real gateway.

@ObjectType('School', { implements: PartnerProfile, description: 'A school (a throwaway type of this test).' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'profile' })
class School extends PartnerProfile {
  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  pupils?: number | null;
}

@InputType('SchoolProfilePatch')
class SchoolProfilePatch extends ProfilePatchBase {
  @Field(() => Int, { nullable: true })
  pupils?: number | null;
}

const schoolsSubgraph = definePartnerTypeSubgraph({
  name: 'schools',
  defaultPort: 4099,
  defaultSchema: 'schools',
  partnerType: SCHOOL,
  profile: School,
  profilePatch: SchoolProfilePatch,
  profileFields: {
    ...PROFILE_FIELDS,
    pupils: (value, field) => ({ pupils: value === null ? null : check.intInRange(value, field, 0, 10_000) }),
  },
  // Dated after every migration of the kit: the explicit order still runs it between the
  // kit's tables and the kit's changes to the profile table.
  profileMigration: profileTableMigration('Migration20991231000000SchoolProfile', ['"pupils" integer null']),
  dataset: [{ profile: { id: 'osnovna-skola-split', pupils: 420 }, town: 'Split', members: [] }],
});

/** The roster's side: the value's own migration, and the school on the roster. */
class AllowSchools extends SchemaMigration {
  override async up(): Promise<void> {
    this.allowOnly('partner', 'type', ['CITY', 'EUROPEAN_HOUSE', 'FOUNDATION', 'YOUTH_ASSOCIATION', SCHOOL]);
  }
}
const network: SubgraphDefinition = {
  ...networkSubgraph,
  migrations: [...networkSubgraph.migrations, { name: 'Migration20991231000000AllowSchools', class: AllowSchools }],
  seed: async (em) => {
    const report = await networkSubgraph.seed(em);
    await em.getConnection().execute(
      `insert into network.partner (id, type, name, country_code, town, role, legal_form)
       values ('osnovna-skola-split', ?, 'Osnovna škola Split', 'HR', 'Split', 'PARTNER', 'ASSOCIATION')`,
      [SCHOOL],
    );
    return report;
  },
};

const subgraphs = [network, ...SUBGRAPHS.filter((subgraph) => subgraph !== networkSubgraph), schoolsSubgraph];
let graph: TestGraph;
let composed: ComposedSupergraph;

beforeAll(async () => {
  composed = await composeSupergraph(subgraphs);
  expect(composed.errors).toEqual([]);
  graph = await startGraph('sixth', { composition: { subgraphs, supergraphSdl: composed.supergraphSdl! } });
});
afterAll(() => graph?.stop());

test('a sixth subgraph from the kit composes with the five and answers through the gateway', async () => {
  expect(subgraphs).toHaveLength(6);
  // The gateway learns its subgraphs from the supergraph (gateway/src/supergraph.ts).
  expect(subgraphNamesOf(composed.supergraphSdl!).sort()).toEqual(subgraphs.map((subgraph) => subgraph.name).sort());
  const response = await graph.query<{
    partner: { name: string; type: string; pupils: number; activities: { totalCount: number } };
    partners: { nodes: { type: string }[] };
  }>(
    `{
      partner(id: "osnovna-skola-split") {
        name type ... on School { pupils activities { totalCount nodes { partner { name } } } }
      }
      partners(first: 100) { nodes { type } }
    }`,
  );
  expect(response.errors).toBeUndefined();
  expect(response.data!.partner).toMatchObject({ name: 'Osnovna škola Split', type: 'SCHOOL', pupils: 420 });
  // The kit's demo activities, resolved by the schools subgraph, their partner by the network.
  expect(response.data!.partner.activities.totalCount).toBeGreaterThan(0);
  expect(response.data!.partners.nodes.filter((partner) => partner.type === 'SCHOOL')).toHaveLength(1);
  expect(response.data!.partners.nodes).toHaveLength(9);
});
