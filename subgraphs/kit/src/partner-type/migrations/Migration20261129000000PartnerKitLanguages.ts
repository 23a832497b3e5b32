import { SchemaMigration } from '../../migration';

/**
 * Languages (API v3): an activity's texts have the locale they were written in and their
 * translations; a partner's profile has the language it writes in, which its activities
 * default to. Activities that exist were written in English.
 */
export class Migration20261129000000PartnerKitLanguages extends SchemaMigration {
  override async up(): Promise<void> {
    const locales = ['HR', 'FR', 'DE', 'PL', 'EN'];
    this.addTranslations('activity', locales, 'EN');
    this.addSql(`alter table ${this.table('profile')} add column "locale" text null ${this.oneOf('locale', locales)}`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table ${this.table('profile')} drop column "locale"`);
    this.addSql(`alter table ${this.table('activity')} drop column "translations", drop column "original_locale"`);
  }
}
