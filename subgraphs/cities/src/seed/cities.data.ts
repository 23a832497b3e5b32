import { MemberKind, Locale } from '@citipart/schema';
import type { PartnerSeed } from '@citipart/subgraph-kit';
import type { City } from '../city.entity';

// Facts with their sources: docs/DATASET.md. Nothing is documented about Sosnowiec's own
// activities, so it has only the kit's demo activities; its members are fictional.
export const citiesDataset: PartnerSeed<City>[] = [
  {
    profile: {
      id: 'miasto-sosnowiec',
      locale: Locale.PL,
      region: 'Silesian Voivodeship',
      sources: [
        {
          url: 'http://www.citipart.eu/citipart-first-meeting-in-saint-germain-en-laye-fr/',
          title: 'CitiPart: first meeting in Saint-Germain-en-Laye (5 citizens from Sosnowiec)',
        },
      ],
    },
    town: 'Sosnowiec',
    members: [
      {
        id: 'miasto-sosnowiec-m-1',
        kind: MemberKind.ORGANISATION,
        name: 'Klub Seniora Sosnowiec (demo)',
        role: 'local partner',
      },
      {
        id: 'miasto-sosnowiec-m-2',
        kind: MemberKind.ORGANISATION,
        name: 'Młodzieżowa Rada Miasta (demo)',
        role: 'local partner',
      },
      {
        id: 'miasto-sosnowiec-m-3',
        kind: MemberKind.PERSON,
        name: 'Anna Kowalczyk',
        email: 'anna.kowalczyk@example.org',
        consentToPublish: true,
        role: 'project officer',
        since: '2015-09-01',
      },
    ],
  },
];
