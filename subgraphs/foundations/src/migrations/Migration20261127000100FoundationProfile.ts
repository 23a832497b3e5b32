import { profileTableMigration } from '@citipart/subgraph-kit';

export const Migration20261127000100FoundationProfile = profileTableMigration(
  'Migration20261127000100FoundationProfile',
  ['"founded_year" integer null', '"founded_on" date null', '"patron" text null'],
);
