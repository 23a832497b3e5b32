import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import DataLoader from 'dataloader';
import { type GraphQLFieldResolver, type GraphQLObjectType, buildSchema, graphql } from 'graphql';
import { Pool, types } from 'pg';

/**
 * The monolith baseline of `npm run bench` (issue 11): one plain graphql-js server over the
 * same PostgreSQL tables as the five subgraphs, for what scenarios S1–S4 ask and nothing
 * else. Honest and minimal: every request is parsed, validated and executed; the only
 * caching is the per-request DataLoaders that batch each level into one statement. Answers
 * as an anonymous caller with no Accept-Language (titles in English, else the original;
 * members that may be published), as the graph does; scripts/bench.ts checks that its
 * answers equal the gateway's before it measures.
 */
const SDL = `
type Query {
  partners(first: Int = 50): PartnerConnection!
  meetings(first: Int = 50): MeetingConnection!
}
type PartnerConnection { nodes: [Partner!]! }
type Partner {
  id: ID!
  name: String!
  town: String!
  countryCode: String!
  activities(first: Int = 50): ActivityConnection
  members(first: Int = 50): MemberConnection
}
type ActivityConnection { nodes: [Activity!]! }
type Activity { title: String! startsOn: String! presentedAt: Meeting partner: Partner! }
type MemberConnection { nodes: [Member!]! }
type Member { name: String! }
type MeetingConnection { nodes: [Meeting!]! }
type Meeting { title: String! startsOn: String! host: Partner! }
`;

// Dates as the graph gives them: YYYY-MM-DD, not a Date at local midnight.
types.setTypeParser(1082, (value) => value);

interface Row {
  [column: string]: unknown;
}
type Loaders = ReturnType<typeof createLoaders>;

const pool = new Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
/** The schemas holding partner-type tables (activities, members), e.g. ["cities", ...]. */
const PARTNER_SCHEMAS: string[] = JSON.parse(process.env.BENCH_PARTNER_SCHEMAS ?? '[]') as string[];

/** A translatable text in English when translated, else in its original language. */
function english(row: Row, field: string): unknown {
  if (row.original_locale === 'EN') return row[field];
  const translations = row.translations as Record<string, Record<string, string>> | null;
  return translations?.EN?.[field] ?? row[field];
}

async function byId(table: string, ids: readonly string[]): Promise<(Row | null)[]> {
  const { rows } = await pool.query<Row>(`select * from ${table} where id = any($1)`, [ids]);
  const found = new Map(rows.map((row) => [row.id as string, row]));
  return ids.map((id) => found.get(id) ?? null);
}

/** The first `first` rows per partner from the same table of every partner-type schema. */
async function pages(
  table: string,
  columns: string,
  order: string,
  where: string,
  ids: readonly string[],
  first: number,
) {
  const union = PARTNER_SCHEMAS.map(
    (schema) => `select ${columns} from ${schema}.${table} where partner_id = any($1)${where}`,
  ).join(' union all ');
  const { rows } = await pool.query<Row>(
    `select * from (select t.*, row_number() over (partition by partner_id order by ${order}) as position
     from (${union}) t) ranked where position <= $2 order by partner_id, position`,
    [ids, first],
  );
  const byPartner = new Map<string, Row[]>(ids.map((id) => [id, []]));
  for (const row of rows) byPartner.get(row.partner_id as string)!.push(row);
  return ids.map((id) => ({ nodes: byPartner.get(id)! }));
}

function createLoaders() {
  const byFirst = <T>(cache: Map<number, T>, first: number, make: () => T) => {
    if (!cache.has(first)) cache.set(first, make());
    return cache.get(first)!;
  };
  const activities = new Map<number, DataLoader<string, { nodes: Row[] }>>();
  const members = new Map<number, DataLoader<string, { nodes: Row[] }>>();
  const sixteenBy = new Date().getUTCFullYear() - 17;
  return {
    partner: new DataLoader<string, Row | null>((ids) => byId('network.partner', ids)),
    meeting: new DataLoader<string, Row | null>((ids) => byId('network.meeting', ids)),
    activities: (first: number) =>
      byFirst(
        activities,
        first,
        () =>
          new DataLoader<string, { nodes: Row[] }>((ids) =>
            pages(
              'activity',
              'id, partner_id, title, starts_on, original_locale, translations, presented_at_id',
              'starts_on, id',
              '',
              ids,
              first,
            ),
          ),
      ),
    members: (first: number) =>
      byFirst(
        members,
        first,
        () =>
          new DataLoader<string, { nodes: Row[] }>((ids) =>
            pages(
              'member',
              'id, partner_id, name',
              'name, id',
              ` and (kind = 'ORGANISATION' or (consent_to_publish and (birth_year is null or birth_year <= ${sixteenBy} or parental_consent)))`,
              ids,
              first,
            ),
          ),
      ),
  };
}

const schema = buildSchema(SDL);
function resolve(type: string, field: string, resolver: GraphQLFieldResolver<Row, Loaders, { first: number }>) {
  (schema.getType(type) as GraphQLObjectType).getFields()[field].resolve = resolver;
}
resolve('Query', 'partners', async (_, { first }) => ({
  nodes: (await pool.query('select * from network.partner order by name, id limit $1', [first])).rows,
}));
resolve('Query', 'meetings', async (_, { first }) => ({
  nodes: (await pool.query('select * from network.meeting order by starts_on, id limit $1', [first])).rows,
}));
resolve('Partner', 'countryCode', (partner) => partner.country_code);
resolve('Partner', 'activities', (partner, { first }, loaders) => loaders.activities(first).load(partner.id as string));
resolve('Partner', 'members', (partner, { first }, loaders) => loaders.members(first).load(partner.id as string));
resolve('Activity', 'title', (activity) => english(activity, 'title'));
resolve('Activity', 'startsOn', (activity) => activity.starts_on);
resolve('Activity', 'presentedAt', (activity, _, loaders) =>
  activity.presented_at_id ? loaders.meeting.load(activity.presented_at_id as string) : null,
);
resolve('Activity', 'partner', (activity, _, loaders) => loaders.partner.load(activity.partner_id as string));
resolve('Meeting', 'title', (meeting) => english(meeting, 'title'));
resolve('Meeting', 'startsOn', (meeting) => meeting.starts_on);
resolve('Meeting', 'host', (meeting, _, loaders) => loaders.partner.load(meeting.host_id as string));

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void (async () => {
      let status = 200;
      let body: unknown;
      try {
        const { query, variables } = JSON.parse(Buffer.concat(chunks).toString()) as {
          query: string;
          variables?: Record<string, unknown>;
        };
        body = await graphql({ schema, source: query, variableValues: variables, contextValue: createLoaders() });
      } catch (error) {
        status = 400;
        body = { errors: [{ message: String(error) }] };
      }
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    })();
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send!({ type: 'ready', url: `http://127.0.0.1:${port}/graphql` });
});
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('disconnect', stop);
