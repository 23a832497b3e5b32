import { profileTableMigration } from '@citipart/subgraph-kit';

export const Migration20261127000100YouthAssociationProfile = profileTableMigration(
  'Migration20261127000100YouthAssociationProfile',
  ['"founded_year" integer null'],
);
