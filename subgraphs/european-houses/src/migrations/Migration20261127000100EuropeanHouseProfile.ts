import { profileTableMigration } from '@citipart/subgraph-kit';

export const Migration20261127000100EuropeanHouseProfile = profileTableMigration(
  'Migration20261127000100EuropeanHouseProfile',
  ['"address" text null', '"founded_year" integer null', '"europe_direct_centre" boolean not null default false'],
);
