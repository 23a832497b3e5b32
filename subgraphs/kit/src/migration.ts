import { Migration } from '@mikro-orm/migrations';

/**
 * A migration that writes its SQL against the subgraph's schema, read from the ORM config
 * at run time. The same migration class therefore serves each partner-type subgraph (and
 * each test database), and can never reach into another subgraph's schema.
 */
export abstract class SchemaMigration extends Migration {
  protected get schema(): string {
    return this.config.get('schema') as string;
  }

  /** A check that `column` holds one of an enum's values: `check ("kind" in ('A', 'B'))`. */
  protected oneOf(column: string, values: Record<string, string>): string {
    const list = Object.values(values)
      .map((value) => `'${value}'`)
      .join(', ');
    return `check ("${column}" in (${list}))`;
  }

  /** `"<schema>"."<table>"`, quoted. */
  protected table(name: string): string {
    return `"${this.schema}"."${name}"`;
  }
}
