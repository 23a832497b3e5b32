import { SchemaMigration } from '@citipart/subgraph-kit';

/**
 * Languages (API v3): the network and its meetings gain a description, and their texts the
 * locale they were written in and their translations. What exists was written in English.
 * The network's row gains the version its translations are written at.
 */
export class Migration20261129000000NetworkLanguages extends SchemaMigration {
  override async up(): Promise<void> {
    const locales = ['HR', 'FR', 'DE', 'PL', 'EN'];
    for (const table of ['network', 'meeting']) {
      this.addSql(`alter table ${this.table(table)} add column "description" text null`);
      this.addTranslations(table, locales, 'EN');
    }
    this.addVersion('network');
  }

  override async down(): Promise<void> {
    this.addSql(`alter table ${this.table('network')} drop column "version"`);
    for (const table of ['network', 'meeting']) {
      this.addSql(
        `alter table ${this.table(table)} drop column "translations", drop column "original_locale", drop column "description"`,
      );
    }
  }
}
