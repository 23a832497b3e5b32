import { MemberKind, Locale } from '@citipart/schema';
import type { PartnerSeed } from '@citipart/subgraph-kit';
import type { Foundation } from '../foundation.entity';

// Facts with their sources: docs/DATASET.md; members are fictional demo data.
export const foundationsDataset: PartnerSeed<Foundation>[] = [
  {
    profile: {
      id: 'polska-fundacja-roberta-schumana',
      locale: Locale.PL,
      website: 'https://www.schuman.pl',
      foundedYear: 1991,
      patron: 'Robert Schuman',
      sources: [
        { url: 'https://www.schuman.pl', title: 'Polska Fundacja im. Roberta Schumana' },
        {
          url: 'http://www.citipart.eu/multilateral-meeting-about-solidarity-in-warsaw-pl/',
          title: 'CitiPart: meeting about solidarity in Warsaw',
        },
      ],
    },
    town: 'Warsaw',
    members: [
      {
        id: 'polska-fundacja-roberta-schumana-m-1',
        kind: MemberKind.ORGANISATION,
        name: 'Szkolny Klub Europejski (demo)',
        role: 'local partner',
      },
      {
        id: 'polska-fundacja-roberta-schumana-m-2',
        kind: MemberKind.PERSON,
        name: 'Marta Nowak',
        email: 'marta.nowak@example.org',
        consentToPublish: true,
        role: 'trainer',
        since: '2015-09-27',
      },
    ],
  },
  {
    profile: {
      id: 'bbag',
      locale: Locale.DE,
      foundedYear: 1991,
      foundedOn: '1991-04-17',
      sources: [
        {
          url: 'https://de.wikipedia.org/wiki/Berlin-Brandenburgische_Auslandsgesellschaft',
          title: 'Wikipedia: Berlin-Brandenburgische Auslandsgesellschaft',
        },
        {
          url: 'http://www.citipart.eu/multilateral-meeting-about-tolerance-in-potsdam-de/',
          title: 'CitiPart: meeting about tolerance in Potsdam',
        },
      ],
    },
    town: 'Potsdam',
    members: [
      { id: 'bbag-m-1', kind: MemberKind.ORGANISATION, name: 'Theatergruppe Babelsberg (demo)', role: 'local partner' },
      {
        id: 'bbag-m-2',
        kind: MemberKind.PERSON,
        name: 'Jonas Becker',
        email: 'jonas.becker@example.org',
        consentToPublish: true,
        role: 'youth worker',
        since: '2015-09-27',
      },
    ],
  },
];
