import { profileTableMigration } from '@citipart/subgraph-kit';

export const Migration20261127000100CityProfile = profileTableMigration('Migration20261127000100CityProfile', [
  '"region" text null',
  '"population" integer null check ("population" >= 0)',
]);
