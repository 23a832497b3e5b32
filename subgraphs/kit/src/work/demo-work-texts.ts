import { AgeBand, Locale } from '@citipart/schema';

// The texts of every partner's demo work (demo-work.ts): the street survey's questionnaire,
// the forum-theatre play and its performances' notes, and one text for the booklet on
// peace, in the partner's language (the original) and in English. These are
// machine-made translations, not yet reviewed by native speakers, written by the project's
// engineers; the people, venues and memories in them are fictional (sample data).

/** The languages the demo work is written in: the partners' four and English. */
export type WorkLocale = Locale.FR | Locale.PL | Locale.DE | Locale.HR | Locale.EN;

export interface QuestionTexts {
  text: string;
  options: readonly string[];
}

export interface PlayTexts {
  title: string;
  synopsis: string;
  /** The two performances' notes, in date order. */
  notes: readonly [string, string];
}

/**
 * The street survey on solidarity. The first two questions ask the network's common
 * questionnaire's `q-solidarity-1` and `q-solidarity-2` (demo-work.ts ties them), in the
 * network's words (subgraphs/network/src/work/work.texts.ts); the third is the partners' own.
 * Every language has the same questions and options, in the same order.
 */
export const SURVEY_TEXTS: Record<WorkLocale, readonly [QuestionTexts, QuestionTexts, QuestionTexts]> = {
  [Locale.EN]: [
    {
      text: 'What does solidarity between Europeans mean to you?',
      options: [
        'Helping each other when a country is in crisis',
        'Welcoming people who flee war',
        'Sharing wealth between richer and poorer regions',
        'Nothing in particular',
      ],
    },
    {
      text: 'Have you helped someone from another EU country in the past year?',
      options: ['Yes, several times', 'Yes, once', 'No', "I don't remember"],
    },
    {
      text: 'Where have you experienced solidarity in your town?',
      options: ['In my neighbourhood', 'At work or at school', 'In an association'],
    },
  ],
  [Locale.FR]: [
    {
      text: 'Que signifie pour vous la solidarité entre Européens ?',
      options: [
        "S'entraider quand un pays traverse une crise",
        'Accueillir les personnes qui fuient la guerre',
        'Partager les richesses entre régions riches et pauvres',
        'Rien de particulier',
      ],
    },
    {
      text: "Avez-vous aidé quelqu'un d'un autre pays de l'UE au cours de l'année écoulée ?",
      options: ['Oui, plusieurs fois', 'Oui, une fois', 'Non', 'Je ne sais plus'],
    },
    {
      text: 'Où avez-vous vécu la solidarité dans votre ville ?',
      options: ['Dans mon quartier', "Au travail ou à l'école", 'Dans une association'],
    },
  ],
  [Locale.PL]: [
    {
      text: 'Co oznacza dla Pana/Pani solidarność między Europejczykami?',
      options: [
        'Wzajemna pomoc, gdy jakiś kraj przeżywa kryzys',
        'Przyjmowanie ludzi uciekających przed wojną',
        'Dzielenie się bogactwem między bogatszymi i biedniejszymi regionami',
        'Nic szczególnego',
      ],
    },
    {
      text: 'Czy w ciągu ostatniego roku pomógł Pan/pomogła Pani komuś z innego kraju UE?',
      options: ['Tak, kilka razy', 'Tak, raz', 'Nie', 'Nie pamiętam'],
    },
    {
      text: 'Gdzie spotkał(a) się Pan/Pani z solidarnością w swoim mieście?',
      options: ['W moim sąsiedztwie', 'W pracy lub w szkole', 'W stowarzyszeniu'],
    },
  ],
  [Locale.DE]: [
    {
      text: 'Was bedeutet Solidarität zwischen Europäern für Sie?',
      options: [
        'Sich gegenseitig helfen, wenn ein Land in der Krise ist',
        'Menschen aufnehmen, die vor Krieg fliehen',
        'Wohlstand zwischen reicheren und ärmeren Regionen teilen',
        'Nichts Besonderes',
      ],
    },
    {
      text: 'Haben Sie im vergangenen Jahr jemandem aus einem anderen EU-Land geholfen?',
      options: ['Ja, mehrmals', 'Ja, einmal', 'Nein', 'Ich weiß es nicht mehr'],
    },
    {
      text: 'Wo haben Sie in Ihrer Stadt Solidarität erlebt?',
      options: ['In meiner Nachbarschaft', 'Bei der Arbeit oder in der Schule', 'In einem Verein'],
    },
  ],
  [Locale.HR]: [
    {
      text: 'Što za vas znači solidarnost među Europljanima?',
      options: [
        'Međusobno pomaganje kad je neka zemlja u krizi',
        'Prihvaćanje ljudi koji bježe od rata',
        'Dijeljenje bogatstva između bogatijih i siromašnijih regija',
        'Ništa posebno',
      ],
    },
    {
      text: 'Jeste li u posljednjih godinu dana pomogli nekome iz druge zemlje EU-a?',
      options: ['Da, nekoliko puta', 'Da, jednom', 'Ne', 'Ne sjećam se'],
    },
    {
      text: 'Gdje ste u svom gradu doživjeli solidarnost?',
      options: ['U svom susjedstvu', 'Na poslu ili u školi', 'U udruzi'],
    },
  ],
};

/** The forum-theatre play on tolerance, the same piece in every language. */
export const PLAY_TEXTS: Record<WorkLocale, PlayTexts> = {
  [Locale.EN]: {
    title: 'The Night Bus',
    synopsis:
      "On a night bus a young man is insulted because of his accent, while the other passengers keep quiet. The audience is invited to take a bystander's place and try to stop the scene.",
    notes: [
      'Performed for secondary-school pupils, who replayed the scene several times.',
      'An evening performance for the public, followed by a discussion with local councillors.',
    ],
  },
  [Locale.FR]: {
    title: 'Le Bus de nuit',
    synopsis:
      "Dans un bus de nuit, un jeune homme est insulté à cause de son accent, pendant que les autres passagers se taisent. Le public est invité à prendre la place d'un témoin et à essayer d'arrêter la scène.",
    notes: [
      'Jouée devant des lycéens, qui ont rejoué la scène plusieurs fois.',
      "Représentation publique en soirée, suivie d'un débat avec des élus locaux.",
    ],
  },
  [Locale.PL]: {
    title: 'Nocny autobus',
    synopsis:
      'W nocnym autobusie młody mężczyzna zostaje znieważony z powodu swojego akcentu, a pozostali pasażerowie milczą. Publiczność jest zapraszana, by zająć miejsce jednego ze świadków i spróbować przerwać tę scenę.',
    notes: [
      'Przedstawienie dla uczniów szkół średnich, którzy kilka razy odegrali scenę na nowo.',
      'Wieczorny spektakl dla publiczności, po którym odbyła się dyskusja z lokalnymi radnymi.',
    ],
  },
  [Locale.DE]: {
    title: 'Der Nachtbus',
    synopsis:
      'In einem Nachtbus wird ein junger Mann wegen seines Akzents beschimpft, während die anderen Fahrgäste schweigen. Das Publikum ist eingeladen, den Platz eines Zeugen einzunehmen und zu versuchen, die Szene zu beenden.',
    notes: [
      'Aufgeführt vor Schülerinnen und Schülern weiterführender Schulen, die die Szene mehrmals neu gespielt haben.',
      'Öffentliche Abendvorstellung mit anschließender Diskussion mit Kommunalpolitikern.',
    ],
  },
  [Locale.HR]: {
    title: 'Noćni autobus',
    synopsis:
      'U noćnom autobusu mladića vrijeđaju zbog njegova naglaska, a ostali putnici šute. Publika je pozvana da zauzme mjesto jednog od svjedoka i pokuša zaustaviti scenu.',
    notes: [
      'Izvedeno za učenike srednjih škola, koji su scenu nekoliko puta ponovno odigrali.',
      'Večernja izvedba za javnost, nakon koje je uslijedila rasprava s lokalnim vijećnicima.',
    ],
  },
};

/** Where the two performances took place: a school hall, then a cultural centre (names, not translated). */
export const VENUES: Record<WorkLocale, readonly [string, string]> = {
  [Locale.EN]: ['Secondary school hall', 'Cultural centre'],
  [Locale.FR]: ['Salle polyvalente du lycée', 'Centre culturel'],
  [Locale.PL]: ['Aula liceum', 'Dom Kultury'],
  [Locale.DE]: ['Aula der Oberschule', 'Jugendkulturzentrum'],
  [Locale.HR]: ['Dvorana srednje škole', 'Dom mladih'],
};

export interface BookletTextTexts {
  title: string;
  body: string;
}

/** One partner's text for the booklet on peace: its fictional author, and the text in two languages. */
export interface DemoBookletText {
  /** Null: the author wished to stay anonymous. */
  authorName: string | null;
  authorAgeBand: AgeBand;
  original: BookletTextTexts;
  english: BookletTextTexts;
}

/** Each partner's language and booklet text. A partner not listed gets English texts. */
export const DEMO_WORK_TEXTS: Record<string, { locale: WorkLocale; bookletText: DemoBookletText }> = {
  'maison-europe-yvelines': {
    locale: Locale.FR,
    bookletText: {
      authorName: null,
      authorAgeBand: AgeBand.UNDER_18,
      original: {
        title: 'La paix commence dans la cour',
        body: "Dans la cour du collège, on se dispute pour un ballon, pour un mot de travers. J'ai appris que la paix, ce n'est pas l'absence de disputes : c'est savoir les arrêter avant qu'elles deviennent des guerres. Si on y arrive à douze ans, les pays peuvent y arriver aussi.",
      },
      english: {
        title: 'Peace begins in the playground',
        body: 'In the school playground we argue over a ball, over a careless word. I have learnt that peace is not the absence of quarrels: it is knowing how to stop them before they become wars. If we can manage it at twelve, countries can manage it too.',
      },
    },
  },
  'maison-europe-nimes': {
    locale: Locale.FR,
    bookletText: {
      authorName: 'Hugo Roux',
      authorAgeBand: AgeBand.AGE_18_30,
      original: {
        title: 'Ma grand-mère et le pont',
        body: "Ma grand-mère est née en 1938. Enfant, elle a vu sauter le pont de son village. Aujourd'hui, elle traverse sans passeport des frontières qui étaient des lignes de front. Elle dit que la paix est une habitude qu'il ne faut jamais perdre.",
      },
      english: {
        title: 'My grandmother and the bridge',
        body: 'My grandmother was born in 1938. As a child she saw the bridge of her village blown up. Today she crosses, without a passport, borders that were front lines. She says peace is a habit one must never lose.',
      },
    },
  },
  'centre-europeen-robert-schuman': {
    locale: Locale.FR,
    bookletText: {
      authorName: 'Bernard Klein',
      authorAgeBand: AgeBand.AGE_51_65,
      original: {
        title: 'Une pierre après l’autre',
        body: "« L'Europe ne se fera pas d'un coup », disait Robert Schuman. La paix non plus. Elle se construit une pierre après l'autre : un jumelage, un échange scolaire, une amitié par-delà la Moselle. Chaque pierre semble petite ; ensemble, elles tiennent depuis plus de soixante ans.",
      },
      english: {
        title: 'One stone after another',
        body: '“Europe will not be made all at once,” said Robert Schuman. Nor will peace. It is built one stone after another: a town twinning, a school exchange, a friendship across the Moselle. Each stone seems small; together they have held for more than sixty years.',
      },
    },
  },
  'polska-fundacja-roberta-schumana': {
    locale: Locale.PL,
    bookletText: {
      authorName: null,
      authorAgeBand: AgeBand.AGE_31_50,
      original: {
        title: 'Pokój to codzienna praca',
        body: 'Mój dziadek pamiętał Warszawę w gruzach. Ja pamiętam dzień, w którym Polska weszła do Unii Europejskiej. Między tymi dwoma obrazami jest cała praca pokoju: rozmowy, kompromisy, cierpliwość. Pokój nie jest dany raz na zawsze – trzeba o niego dbać codziennie.',
      },
      english: {
        title: 'Peace is everyday work',
        body: 'My grandfather remembered Warsaw in ruins. I remember the day Poland joined the European Union. Between those two pictures lies all the work of peace: talks, compromises, patience. Peace is not given once and for all – it must be looked after every day.',
      },
    },
  },
  'miasto-sosnowiec': {
    locale: Locale.PL,
    bookletText: {
      authorName: 'Kinga Nowak',
      authorAgeBand: AgeBand.AGE_18_30,
      original: {
        title: 'Sąsiedzi',
        body: 'W naszym bloku mieszkają ludzie z Ukrainy, z Wietnamu i ze Śląska. Na początku mijaliśmy się bez słowa. Potem ktoś zorganizował wspólny obiad na podwórku. Pokój zaczyna się od tego, że znamy imiona sąsiadów.',
      },
      english: {
        title: 'Neighbours',
        body: "People from Ukraine, Vietnam and Silesia live in our block of flats. At first we passed each other without a word. Then someone organised a shared lunch in the courtyard. Peace begins when we know our neighbours' names.",
      },
    },
  },
  bbag: {
    locale: Locale.DE,
    bookletText: {
      authorName: 'Ursula Lehmann',
      authorAgeBand: AgeBand.OVER_65,
      original: {
        title: 'Die Glienicker Brücke',
        body: 'Als Kind durfte ich die Glienicker Brücke nicht überqueren; auf der anderen Seite lag eine andere Welt. Heute fahre ich mit dem Fahrrad darüber, ohne anzuhalten. Frieden ist, wenn eine Brücke wieder nur eine Brücke ist.',
      },
      english: {
        title: 'The Glienicke Bridge',
        body: 'As a child I was not allowed to cross the Glienicke Bridge; on the other side lay another world. Today I cycle over it without stopping. Peace is when a bridge is just a bridge again.',
      },
    },
  },
  'europski-dom-dubrovnik': {
    locale: Locale.HR,
    bookletText: {
      authorName: null,
      authorAgeBand: AgeBand.AGE_51_65,
      original: {
        title: 'Zidine',
        body: 'Godine 1991. gledao sam s prozora kako granate padaju na Stradun. Danas istim ulicama šeću ljudi iz cijelog svijeta. Zidine su sagrađene za obranu, ali grad je preživio zahvaljujući ljudima koji su ga zajedno obnovili. Mir se ne čuva zidinama, nego povjerenjem.',
      },
      english: {
        title: 'The walls',
        body: 'In 1991 I watched from my window as shells fell on the Stradun. Today people from all over the world walk the same streets. The walls were built for defence, but the city survived thanks to the people who rebuilt it together. Peace is kept not by walls but by trust.',
      },
    },
  },
  // Austria: German.
  'gemma-villach': {
    locale: Locale.DE,
    bookletText: {
      authorName: 'Lena Gruber',
      authorAgeBand: AgeBand.AGE_18_30,
      original: {
        title: 'Drei Sprachen, ein Tal',
        body: 'In Villach hört man Deutsch, Slowenisch und Italienisch, manchmal im selben Satz. Vor hundert Jahren standen sich diese Sprachen an der Front gegenüber. Heute fahren wir am Wochenende zum Baden nach Italien und zum Wandern nach Slowenien. Frieden heißt für mich, dass Grenzen langweilig geworden sind.',
      },
      english: {
        title: 'Three languages, one valley',
        body: 'In Villach you hear German, Slovene and Italian, sometimes in the same sentence. A hundred years ago these languages faced each other at the front. Today we go swimming in Italy and hiking in Slovenia at the weekend. For me, peace means that borders have become boring.',
      },
    },
  },
};

/** The booklet text of a partner without texts of its own (a partner registered later). */
export const ENGLISH_BOOKLET_TEXT: DemoBookletText = {
  authorName: null,
  authorAgeBand: AgeBand.UNKNOWN,
  original: {
    title: 'A letter for peace',
    body: 'Peace is not only the end of a war. It is the work of people who talk to each other before they stop listening.',
  },
  english: {
    title: 'A letter for peace',
    body: 'Peace is not only the end of a war. It is the work of people who talk to each other before they stop listening.',
  },
};
