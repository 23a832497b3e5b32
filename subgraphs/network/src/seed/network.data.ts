import { CountQualifier, LegalForm, MeetingKind, PartnerRole, PartnerType, Theme } from '@citipart/schema';
import { MEETING_ID, textColumns } from '@citipart/subgraph-kit';
import type { RequiredEntityData } from '@mikro-orm/core';
import type { Delegation } from '../delegation.entity';
import type { Meeting } from '../meeting.entity';
import type { NetworkInfo } from '../network.entity';
import type { Partner } from '../partner.entity';
import { MEETING_TEXTS, NETWORK_TEXTS } from './network.texts';

// The real CitiPart network, from the facts listed in docs/DATASET.md and the
// sources named there. Nothing in this file is demo data.

const SOURCE = {
  project: { url: 'http://www.citipart.eu/project/', title: 'CitiPart: the project' },
  kickOff: {
    url: 'http://www.citipart.eu/citipart-first-meeting-in-saint-germain-en-laye-fr/',
    title: 'CitiPart: first meeting in Saint-Germain-en-Laye',
  },
  solidarity: {
    url: 'http://www.citipart.eu/multilateral-meeting-about-solidarity-in-warsaw-pl/',
    title: 'CitiPart: multilateral meeting about solidarity in Warsaw',
  },
  tolerance: {
    url: 'http://www.citipart.eu/multilateral-meeting-about-tolerance-in-potsdam-de/',
    title: 'CitiPart: multilateral meeting about tolerance in Potsdam',
  },
  peace: {
    url: 'http://www.citipart.eu/multilateral-meeting-about-peace-in-scy-chazelles-fr/',
    title: 'CitiPart: multilateral meeting about peace in Scy-Chazelles',
  },
  closing: {
    url: 'http://www.citipart.eu/multilateral-meeting-of-the-network-last-meeting-and-reports-in-villach-a/',
    title: 'CitiPart: last meeting and reports in Villach',
  },
  edd: {
    url: 'http://edd.hr/civilno-drustvo/91-zavrsio-projekt-citipart',
    title: 'Europski dom Dubrovnik: Završio projekt CitiPart',
  },
};

export const network: RequiredEntityData<NetworkInfo> = {
  id: 'citipart',
  name: 'CitiPart',
  // Written in Croatian, with translations (network.texts.ts).
  ...textColumns(NETWORK_TEXTS),
  startsOn: '2015-09-27',
  endsOn: '2017-09-26',
  themes: [Theme.SOLIDARITY, Theme.TOLERANCE, Theme.PEACE],
  funding: [
    {
      programme: 'Europe for Citizens',
      strand: 'Strand 2: Democratic engagement and civic participation',
      measure: 'Measure 2.2: Networks of towns',
    },
    {
      programme: 'Europe for Citizens',
      strand: 'Strand 2: Democratic engagement and civic participation',
      measure: 'Measure 2.3: Civil society projects',
    },
    { programme: 'Europe for Citizens', strand: 'Strand 1: European remembrance', measure: null },
  ],
  sources: [SOURCE.project, SOURCE.edd],
};

const partner = (
  id: string,
  type: PartnerType,
  name: string,
  countryCode: string,
  town: string,
  legalForm: LegalForm,
  role = PartnerRole.PARTNER,
): RequiredEntityData<Partner> => ({ id, type, name, countryCode, town, role, legalForm });

export const partners: RequiredEntityData<Partner>[] = [
  partner(
    'maison-europe-yvelines',
    PartnerType.EUROPEAN_HOUSE,
    "Maison de l'Europe des Yvelines",
    'FR',
    'Saint-Germain-en-Laye',
    LegalForm.ASSOCIATION,
    PartnerRole.COORDINATOR,
  ),
  partner(
    'maison-europe-nimes',
    PartnerType.EUROPEAN_HOUSE,
    "Maison de l'Europe de Nîmes",
    'FR',
    'Nîmes',
    LegalForm.ASSOCIATION,
  ),
  partner(
    'centre-europeen-robert-schuman',
    PartnerType.EUROPEAN_HOUSE,
    'Centre européen Robert Schuman',
    'FR',
    'Scy-Chazelles',
    LegalForm.ASSOCIATION,
  ),
  partner(
    'polska-fundacja-roberta-schumana',
    PartnerType.FOUNDATION,
    'Polska Fundacja im. Roberta Schumana',
    'PL',
    'Warsaw',
    LegalForm.FOUNDATION,
  ),
  partner('miasto-sosnowiec', PartnerType.CITY, 'Miasto Sosnowiec', 'PL', 'Sosnowiec', LegalForm.MUNICIPALITY),
  partner(
    'bbag',
    PartnerType.FOUNDATION,
    'Berlin-Brandenburgische Auslandsgesellschaft e.V.',
    'DE',
    'Potsdam',
    LegalForm.ASSOCIATION,
  ),
  partner(
    'europski-dom-dubrovnik',
    PartnerType.EUROPEAN_HOUSE,
    'Europski dom Dubrovnik',
    'HR',
    'Dubrovnik',
    LegalForm.ASSOCIATION,
  ),
  partner('gemma-villach', PartnerType.YOUTH_ASSOCIATION, 'Verein GEMMA', 'AT', 'Villach', LegalForm.ASSOCIATION),
];

export const meetings: RequiredEntityData<Meeting>[] = [
  {
    id: MEETING_ID.kickOff,
    ...textColumns(MEETING_TEXTS[MEETING_ID.kickOff]!),
    kind: MeetingKind.KICK_OFF,
    theme: null,
    town: 'Saint-Germain-en-Laye',
    countryCode: 'FR',
    startsOn: '2015-09-27',
    endsOn: '2015-10-01',
    hostId: 'maison-europe-yvelines',
    participants: { value: 55, qualifier: CountQualifier.EXACT },
    sources: [SOURCE.kickOff],
  },
  {
    id: MEETING_ID.solidarity,
    ...textColumns(MEETING_TEXTS[MEETING_ID.solidarity]!),
    kind: MeetingKind.THEMATIC,
    theme: Theme.SOLIDARITY,
    town: 'Warsaw',
    countryCode: 'PL',
    startsOn: '2016-03-13',
    endsOn: '2016-03-15',
    hostId: 'polska-fundacja-roberta-schumana',
    // "more than 52" participants, from 5 countries
    participants: { value: 52, qualifier: CountQualifier.AT_LEAST },
    sources: [SOURCE.solidarity],
  },
  {
    id: MEETING_ID.tolerance,
    ...textColumns(MEETING_TEXTS[MEETING_ID.tolerance]!),
    kind: MeetingKind.THEMATIC,
    theme: Theme.TOLERANCE,
    town: 'Potsdam',
    countryCode: 'DE',
    startsOn: '2016-11-28',
    endsOn: '2016-11-30',
    // Inferred: BBAG is the Potsdam partner (confidence medium-high).
    hostId: 'bbag',
    // "over fifty"
    participants: { value: 50, qualifier: CountQualifier.AT_LEAST },
    sources: [SOURCE.tolerance],
  },
  {
    id: MEETING_ID.peace,
    ...textColumns(MEETING_TEXTS[MEETING_ID.peace]!),
    kind: MeetingKind.THEMATIC,
    theme: Theme.PEACE,
    town: 'Scy-Chazelles and Metz',
    countryCode: 'FR',
    startsOn: '2017-02-27',
    endsOn: '2017-03-01',
    hostId: 'centre-europeen-robert-schuman',
    participants: { value: 54, qualifier: CountQualifier.EXACT },
    sources: [SOURCE.peace],
  },
  {
    id: MEETING_ID.closing,
    ...textColumns(MEETING_TEXTS[MEETING_ID.closing]!),
    kind: MeetingKind.CLOSING,
    // The closing conference covered all three themes, so it has none of its own.
    theme: null,
    town: 'Villach',
    countryCode: 'AT',
    startsOn: '2017-09-13',
    endsOn: '2017-09-15',
    hostId: 'gemma-villach',
    // "around 50"
    participants: { value: 50, qualifier: CountQualifier.ABOUT },
    sources: [SOURCE.closing],
  },
];

/** The kick-off's 55 citizens by partner (final-report copy, confidence medium-high). */
export const delegations: RequiredEntityData<Delegation>[] = [
  ['maison-europe-yvelines', 32],
  ['bbag', 5],
  ['miasto-sosnowiec', 5],
  ['polska-fundacja-roberta-schumana', 3],
  ['europski-dom-dubrovnik', 3],
  ['gemma-villach', 3],
  ['maison-europe-nimes', 2],
  ['centre-europeen-robert-schuman', 2],
].map(([partnerId, count]) => ({
  meetingId: MEETING_ID.kickOff,
  partnerId: partnerId as string,
  count: count as number,
}));
