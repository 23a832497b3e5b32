import { SchemaMigration } from '@citipart/subgraph-kit';

/** The network's English description as it was when this migration was written (quoted for SQL). */
const NETWORK_DESCRIPTION_EN =
  "“CitiPart – Cities'' Partnership for the defence of the fundamental values of the EU against extremism and populism” is an interactive network of eight towns, associations and organisations from five member states of the European Union. The aim of their coming together is to counter, with reasoned arguments, the populism and extremism rising across the EU. The project began in September 2015 and ended in September 2017, and through the project activities the aim was to motivate European citizens to a continuous dialogue with politicians at local and European level and to enable them to identify problems together and look for solutions to them. During the project, multilateral meetings were held on three fundamental values of the European Union: solidarity, tolerance and peace. Their participants were citizens of different ages, members of the partner organisations and towns, local politicians, teachers and journalists. In the periods between these meetings, the partner organisations carried out a variety of activities in their local communities in all three thematic blocks: solidarity, tolerance and peace. Among other things, street surveys on solidarity were carried out, theatre performances on tolerance (in the form of forum theatre) were prepared and staged, and texts were written for a booklet on peace. The results of all local activities were presented at the multilateral meetings. At the last meeting of the project partners, it was agreed that some of the organisations would continue their cooperation, which ensured the sustainability of this project''s results.";

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
    // Every network has a description (API v3: non-null). A network row from before this
    // migration gets the English one, which is what it was written in.
    this.addSql(
      `update ${this.table('network')} set "description" = '${NETWORK_DESCRIPTION_EN}' where "description" is null`,
    );
    this.addSql(`alter table ${this.table('network')} alter column "description" set not null`);
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
