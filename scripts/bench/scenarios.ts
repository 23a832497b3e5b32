/** The read scenarios of issue 11 that `npm run bench` measures (S5, the write, is below). */
export interface Scenario {
  id: string;
  description: string;
  query: string;
  /** The subgraph that answers the whole query alone, called directly as well. */
  subgraph?: string;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'S1',
    description: 'one subgraph: the roster',
    query: '{ partners { nodes { id name town countryCode } } }',
    subgraph: 'network',
  },
  {
    id: 'S2',
    description: 'fan-out: partners and their activities',
    query: '{ partners { nodes { name activities(first: 100) { nodes { title startsOn } } } } }',
  },
  {
    id: 'S3',
    description: 'S2 with presentedAt, partner and members',
    query:
      '{ partners { nodes { name activities(first: 100) { nodes { title startsOn presentedAt { title startsOn } partner { name } } } members { nodes { name } } } } }',
  },
  {
    id: 'S4',
    description: 'meetings and their hosts',
    query: '{ meetings { nodes { title startsOn host { name } } } }',
    subgraph: 'network',
  },
];

/**
 * S5, a write: an editor of a City creates an activity and deletes it again. One S5 unit is
 * that pair of requests (create, then delete the id it returned at the version it returned),
 * so rows do not pile up: S5's req/s are pairs per second and its CPU is per pair, while its
 * latencies are those of single requests, creates and deletes alike.
 */
export const WRITE_SCENARIO = {
  id: 'S5',
  description: 'a write: create and delete an activity, as an editor with a token',
  /** The partner-type subgraph that answers the pair alone, called directly as well. */
  subgraph: 'cities',
  partnerId: 'miasto-sosnowiec',
  /** Every activity S5 makes has this title (and is deleted, if need be after the run). */
  title: 'Benchmark write (S5)',
  create:
    'mutation BenchCreate($partnerId: ID!, $input: ActivityInput!) { createCityActivity(partnerId: $partnerId, input: $input) { id version } }',
  remove: 'mutation BenchDelete($id: ID!, $version: Int!) { deleteCityActivity(id: $id, version: $version) }',
} as const;

export const SCENARIO_IDS: readonly string[] = [...SCENARIOS.map((scenario) => scenario.id), WRITE_SCENARIO.id];
