import { PartnerType } from '@citipart/schema';
import { definePartnerTypeSubgraph } from '@citipart/subgraph-kit';
import { CityProfilePatch, cityProfileFields } from './city.patch';
import { City } from './city.entity';
import { Migration20261127000100CityProfile } from './migrations/Migration20261127000100CityProfile';
import { citiesDataset } from './seed/cities.data';

export const citiesSubgraph = definePartnerTypeSubgraph({
  name: 'cities',
  defaultPort: 4002,
  defaultSchema: 'cities',
  partnerType: PartnerType.CITY,
  profile: City,
  profilePatch: CityProfilePatch,
  profileFields: cityProfileFields,
  profileMigration: Migration20261127000100CityProfile,
  dataset: citiesDataset,
});
