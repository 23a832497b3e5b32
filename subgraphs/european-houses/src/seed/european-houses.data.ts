import { ActivityKind, MemberKind, Theme, Locale } from '@citipart/schema';
import { MEETING_ID, type PartnerSeed, playRows, textColumns } from '@citipart/subgraph-kit';
import type { EuropeanHouse } from '../european-house.entity';
import { TOLERACTION_TEXTS } from './toleraction.texts';

/**
 * TOLER'ACTION as the play of its documented forum-theatre activity: the piece's name and
 * what the source says of it (a forum-theatre piece on tolerance with local youth groups),
 * in French with the same machine-made translations as its activity (toleraction.texts.ts).
 * No performance is documented (dates, venues, audiences), so none is recorded.
 */
const TOLERACTION_PLAY = playRows(
  {
    activityId: 'maison-europe-yvelines-toleraction',
    ...textColumns<'title' | 'synopsis'>({
      originalLocale: Locale.FR,
      texts: {
        [Locale.FR]: {
          title: "TOLER'ACTION",
          synopsis: 'Une pièce de théâtre-forum sur la tolérance, avec des groupes de jeunes locaux.',
        },
        [Locale.EN]: {
          title: "TOLER'ACTION",
          synopsis: 'A forum-theatre piece on tolerance, with local youth groups.',
        },
        [Locale.HR]: {
          title: "TOLER'ACTION",
          synopsis: 'Predstava forum teatra o toleranciji, s lokalnim skupinama mladih.',
        },
        [Locale.DE]: {
          title: "TOLER'ACTION",
          synopsis: 'Ein Forumtheaterstück zur Toleranz mit örtlichen Jugendgruppen.',
        },
        [Locale.PL]: {
          title: "TOLER'ACTION",
          synopsis: 'Spektakl teatru forum o tolerancji z udziałem lokalnych grup młodzieżowych.',
        },
      },
    }),
  },
  [],
);

// Facts with their sources: docs/DATASET.md; members are fictional demo data.
export const europeanHousesDataset: PartnerSeed<EuropeanHouse>[] = [
  {
    profile: {
      id: 'maison-europe-yvelines',
      locale: Locale.FR,
      website: 'https://maisoneurope78.eu',
      address: 'Espace Paul et André Vera, 2 rue Henri IV, 78100 Saint-Germain-en-Laye',
      europeDirectCentre: true,
      sources: [
        { url: 'http://www.citipart.eu/project/', title: 'CitiPart: the project' },
        {
          url: 'https://archives.maisoneurope78.eu/CitiPart_local_tolerance.html',
          title: 'CitiPart: local activities on tolerance',
        },
      ],
    },
    town: 'Saint-Germain-en-Laye',
    // The questionnaire at the sports forum of 3 September 2016 that the same source mentions
    // is not modelled as a survey: it belongs to this FORUM_THEATRE activity (a survey is the
    // work of a STREET_SURVEY one), and no question or tally of it is documented.
    work: [{ plays: [TOLERACTION_PLAY] }],
    activities: [
      {
        id: 'maison-europe-yvelines-toleraction',
        kind: ActivityKind.FORUM_THEATRE,
        theme: Theme.TOLERANCE,
        // Written in French, with translations (toleraction.texts.ts).
        ...textColumns(TOLERACTION_TEXTS),
        startsOn: '2016-09-03',
        town: 'Saint-Germain-en-Laye',
        presentedAtId: MEETING_ID.tolerance,
        demo: false,
        sources: [
          {
            url: 'https://archives.maisoneurope78.eu/CitiPart_local_tolerance.html',
            title: 'CitiPart: local activities on tolerance',
          },
        ],
      },
    ],
    members: [
      {
        id: 'maison-europe-yvelines-m-1',
        kind: MemberKind.ORGANISATION,
        name: 'Lycée des Coteaux (demo)',
        role: 'local partner',
      },
      {
        id: 'maison-europe-yvelines-m-2',
        kind: MemberKind.ORGANISATION,
        name: 'Compagnie du Forum (demo)',
        role: 'forum-theatre troupe',
      },
      {
        id: 'maison-europe-yvelines-m-3',
        kind: MemberKind.PERSON,
        name: 'Camille Moreau',
        email: 'camille.moreau@example.org',
        consentToPublish: true,
        role: 'project coordinator',
        since: '2015-02-01',
      },
    ],
  },
  {
    profile: {
      id: 'maison-europe-nimes',
      locale: Locale.FR,
      website: 'https://www.maison-europe-nimes.eu',
      address: '1 place du Château, Nîmes',
      foundedYear: 1966,
      sources: [{ url: 'https://www.maison-europe-nimes.eu', title: 'Maison de l’Europe de Nîmes' }],
    },
    town: 'Nîmes',
    members: [
      {
        id: 'maison-europe-nimes-m-1',
        kind: MemberKind.ORGANISATION,
        name: 'Cercle des jeunes Européens du Gard (demo)',
        role: 'local partner',
      },
      {
        id: 'maison-europe-nimes-m-2',
        kind: MemberKind.PERSON,
        name: 'Julien Fabre',
        email: 'julien.fabre@example.org',
        consentToPublish: true,
        role: 'volunteer',
        since: '2015-09-27',
      },
    ],
  },
  {
    profile: {
      id: 'centre-europeen-robert-schuman',
      locale: Locale.FR,
      website: 'https://www.centre-robert-schuman.org',
      address: 'Maison de Robert Schuman, 8 rue Robert Schuman, 57160 Scy-Chazelles',
      foundedYear: 2000,
      sources: [{ url: 'https://www.centre-robert-schuman.org', title: 'Centre européen Robert Schuman' }],
    },
    town: 'Scy-Chazelles',
    members: [
      {
        id: 'centre-europeen-robert-schuman-m-1',
        kind: MemberKind.ORGANISATION,
        name: 'Atelier d’écriture de Metz (demo)',
        role: 'local partner',
      },
      {
        id: 'centre-europeen-robert-schuman-m-2',
        kind: MemberKind.PERSON,
        name: 'Claire Lambert',
        email: 'claire.lambert@example.org',
        consentToPublish: true,
        role: 'teacher',
        since: '2016-01-15',
      },
    ],
  },
  {
    profile: {
      id: 'europski-dom-dubrovnik',
      locale: Locale.HR,
      website: 'http://edd.hr',
      sources: [
        { url: 'http://edd.hr/civilno-drustvo/91-zavrsio-projekt-citipart', title: 'Završio projekt CitiPart' },
      ],
    },
    town: 'Dubrovnik',
    members: [
      {
        id: 'europski-dom-dubrovnik-m-1',
        kind: MemberKind.ORGANISATION,
        name: 'Udruga mladih Dubrovnik (demo)',
        role: 'local partner',
      },
      {
        id: 'europski-dom-dubrovnik-m-2',
        kind: MemberKind.PERSON,
        name: 'Ivana Marić',
        email: 'ivana.maric@example.org',
        consentToPublish: true,
        role: 'journalist',
        since: '2015-09-27',
      },
    ],
  },
];
