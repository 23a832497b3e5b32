import { PartnerType } from '@citipart/schema';
import { definePartnerTypeSubgraph } from '@citipart/subgraph-kit';
import { FoundationProfilePatch, foundationProfileFields } from './foundation.patch';
import { Foundation } from './foundation.entity';
import { Migration20261127000100FoundationProfile } from './migrations/Migration20261127000100FoundationProfile';
import { foundationsDataset } from './seed/foundations.data';

export const foundationsSubgraph = definePartnerTypeSubgraph({
  name: 'foundations',
  defaultPort: 4004,
  defaultSchema: 'foundations',
  partnerType: PartnerType.FOUNDATION,
  profile: Foundation,
  profilePatch: FoundationProfilePatch,
  profileFields: foundationProfileFields,
  profileMigration: Migration20261127000100FoundationProfile,
  dataset: foundationsDataset,
});
