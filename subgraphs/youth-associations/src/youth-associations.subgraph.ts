import { PartnerType } from '@citipart/schema';
import { definePartnerTypeSubgraph } from '@citipart/subgraph-kit';
import { YouthAssociationProfilePatch, youthAssociationProfileFields } from './youth-association.patch';
import { Migration20261127000100YouthAssociationProfile } from './migrations/Migration20261127000100YouthAssociationProfile';
import { youthAssociationsDataset } from './seed/youth-associations.data';
import { YouthAssociation } from './youth-association.entity';

export const youthAssociationsSubgraph = definePartnerTypeSubgraph({
  name: 'youth-associations',
  defaultPort: 4005,
  defaultSchema: 'youth_associations',
  partnerType: PartnerType.YOUTH_ASSOCIATION,
  profile: YouthAssociation,
  profilePatch: YouthAssociationProfilePatch,
  profileFields: youthAssociationProfileFields,
  profileMigration: Migration20261127000100YouthAssociationProfile,
  dataset: youthAssociationsDataset,
});
