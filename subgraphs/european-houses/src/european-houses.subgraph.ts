import { PartnerType } from '@citipart/schema';
import { definePartnerTypeSubgraph } from '@citipart/subgraph-kit';
import { EuropeanHouseProfilePatch, europeanHouseProfileFields } from './european-house.patch';
import { EuropeanHouse } from './european-house.entity';
import { Migration20261127000100EuropeanHouseProfile } from './migrations/Migration20261127000100EuropeanHouseProfile';
import { europeanHousesDataset } from './seed/european-houses.data';

export const europeanHousesSubgraph = definePartnerTypeSubgraph({
  name: 'european-houses',
  defaultPort: 4003,
  defaultSchema: 'european_houses',
  partnerType: PartnerType.EUROPEAN_HOUSE,
  profile: EuropeanHouse,
  profilePatch: EuropeanHouseProfilePatch,
  profileFields: europeanHouseProfileFields,
  profileMigration: Migration20261127000100EuropeanHouseProfile,
  dataset: europeanHousesDataset,
});
