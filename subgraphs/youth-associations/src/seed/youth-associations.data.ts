import { MemberKind } from '@citipart/schema';
import type { PartnerSeed } from '@citipart/subgraph-kit';
import type { YouthAssociation } from '../youth-association.entity';

// Facts from the network's fact sheet (NETWORK_FACTS.md); members are fictional demo data.
export const youthAssociationsDataset: PartnerSeed<YouthAssociation>[] = [
  {
    profile: {
      id: 'gemma-villach',
      website: 'http://gemma.cc',
      foundedYear: 2008,
      sources: [
        { url: 'http://gemma.cc/index.php/2012-10-12-07-19-53/youth-in-action/citipart', title: 'GEMMA: CitiPart' },
      ],
    },
    town: 'Villach',
    members: [
      {
        id: 'gemma-villach-m-1',
        kind: MemberKind.ORGANISATION,
        name: 'Jugendzentrum Villach (demo)',
        role: 'local partner',
      },
      {
        id: 'gemma-villach-m-2',
        kind: MemberKind.PERSON,
        name: 'Lena Huber',
        role: 'youth leader',
        since: '2015-09-27',
      },
    ],
  },
];
