/** The read scenarios of issue 11 that `npm run bench` measures (S5, a write, not yet). */
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
