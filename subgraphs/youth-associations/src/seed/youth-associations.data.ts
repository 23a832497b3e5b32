import { MemberKind, Locale } from '@citipart/schema';
import type { PartnerSeed } from '@citipart/subgraph-kit';
import type { YouthAssociation } from '../youth-association.entity';

// Facts with their sources: docs/DATASET.md; members are fictional demo data.
export const youthAssociationsDataset: PartnerSeed<YouthAssociation>[] = [
  {
    profile: {
      id: 'gemma-villach',
      locale: Locale.DE,
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
        email: 'lena.huber@example.org',
        consentToPublish: true,
        role: 'youth leader',
        since: '2015-09-27',
      },
      // Under 16 and without a parent's consent yet: listed for GEMMA's editors only. Always 14
      // in the demo data (a fixed year of birth would make him 16, and public, in a few years).
      {
        id: 'gemma-villach-m-3',
        kind: MemberKind.PERSON,
        name: 'Jakob Winkler',
        role: 'forum-theatre actor',
        email: 'jakob.winkler@example.org',
        consentToPublish: true,
        birthYear: new Date().getFullYear() - 14,
        parentalConsent: false,
      },
    ],
  },
];
