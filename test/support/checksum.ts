import { Client } from 'pg';

/**
 * A checksum of every row of every table in the given schemas, by "schema.table": equal
 * checksums mean equal contents (row order does not matter).
 */
export async function tableChecksums(databaseUrl: string, schemas: readonly string[]): Promise<Record<string, string>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ schema: string; table: string }>(
      `select table_schema as schema, table_name as table from information_schema.tables
       where table_schema = any($1) and table_type = 'BASE TABLE' order by 1, 2`,
      [schemas],
    );
    const sums: Record<string, string> = {};
    for (const { schema, table } of tables.rows) {
      const result = await client.query<{ sum: string; rows: string }>(
        `select count(*) as rows, coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '') as sum
         from "${schema}"."${table}" t`,
      );
      sums[`${schema}.${table}`] = `${result.rows[0].rows}:${result.rows[0].sum}`;
    }
    return sums;
  } finally {
    await client.end();
  }
}
