import { Locale, type LocalizedTexts } from '@citipart/schema';
import { MEETING_ID } from '@citipart/subgraph-kit';

// The network's and the meetings' texts in the network's five languages. The network's
// title and description were written in Croatian: the project's own description,
// docs/sources/citipart-hr.txt, second paragraph, quoted verbatim; the title is its name
// there without the "CitiPart – " that `Network.name` already gives, as in English. The meetings' texts were
// written in English from the facts in docs/DATASET.md. All other texts are machine-made
// translations, not yet reviewed by native speakers, written by the project's engineers.

type TitleAndDescription = Record<'title' | 'description', string>;
type MeetingId = (typeof MEETING_ID)[keyof typeof MEETING_ID];

export const NETWORK_TEXTS: LocalizedTexts<'title' | 'description'> = {
  originalLocale: Locale.HR,
  texts: {
    [Locale.HR]: {
      title: 'Partnerstvo gradova za obranu temeljnih vrijednosti EU od ekstremizma i populizma',
      description: [
        '„CitiPart – partnerstvo gradova za obranu temeljnih vrijednosti EU od ekstremizma i populizma“ je interaktivna mreža osam gradova, udruga i organizacija iz pet država članica Europske unije.',
        'Cilj njihova okupljanja je argumentirano suprotstavljanje rastućem populizmu i ekstremizmu diljem EU.',
        'Projekt je započeo u rujnu 2015. i završio u rujnu 2017., a kroz projektne aktivnosti europske se građane željelo motivirati na kontinuirani dijalog s političarima na lokalnoj i europskoj razini i omogućiti im da zajedno identificiraju probleme i traže rješenja za njih.',
        'Tijekom projekta održani su multilateralni susreti o trima temeljnim vrijednostima Europske unije: solidarnosti, toleranciji i miru.',
        'Njihovi su sudionici bili građani različite dobi, članovi partnerskih organizacija i gradova, lokalni političari, nastavnici i novinari.',
        'U razdobljima između tih susreta partnerske su organizacije u svojim lokalnim sredinama provodile raznovrsne aktivnosti u sva tri tematska bloka: solidarnost, tolerancija i mir.',
        'Između ostalog, provodile su se ulične ankete o solidarnosti, pripremale i izvodile kazališne predstave o toleranciji (u obliku forum teatra), pisali tekstovi za knjižicu o miru.',
        'Rezultati svih lokalnih aktivnosti predstavljeni su na multilateralnim susretima.',
        'Na posljednjem susretu projektnih partnera dogovoren je nastavak suradnje pojedinih organizacija, čime je osigurana održivost rezultata ovoga projekta.',
      ].join(' '),
    },
    [Locale.EN]: {
      title: "Cities' Partnership for the defence of the fundamental values of the EU against extremism and populism",
      description: [
        "“CitiPart – Cities' Partnership for the defence of the fundamental values of the EU against extremism and populism” is an interactive network of eight towns, associations and organisations from five member states of the European Union.",
        'The aim of their coming together is to counter, with reasoned arguments, the populism and extremism rising across the EU.',
        'The project began in September 2015 and ended in September 2017, and through the project activities the aim was to motivate European citizens to a continuous dialogue with politicians at local and European level and to enable them to identify problems together and look for solutions to them.',
        'During the project, multilateral meetings were held on three fundamental values of the European Union: solidarity, tolerance and peace.',
        'Their participants were citizens of different ages, members of the partner organisations and towns, local politicians, teachers and journalists.',
        'In the periods between these meetings, the partner organisations carried out a variety of activities in their local communities in all three thematic blocks: solidarity, tolerance and peace.',
        'Among other things, street surveys on solidarity were carried out, theatre performances on tolerance (in the form of forum theatre) were prepared and staged, and texts were written for a booklet on peace.',
        'The results of all local activities were presented at the multilateral meetings.',
        "At the last meeting of the project partners, it was agreed that some of the organisations would continue their cooperation, which ensured the sustainability of this project's results.",
      ].join(' '),
    },
    [Locale.FR]: {
      title:
        "Partenariat de villes pour la défense des valeurs fondamentales de l'UE contre l'extrémisme et le populisme",
      description: [
        "« CitiPart – partenariat de villes pour la défense des valeurs fondamentales de l'UE contre l'extrémisme et le populisme » est un réseau interactif de huit villes, associations et organisations de cinq États membres de l'Union européenne.",
        "Leur rassemblement a pour but de s'opposer, arguments à l'appui, au populisme et à l'extrémisme croissants dans toute l'UE.",
        "Le projet a débuté en septembre 2015 et s'est achevé en septembre 2017, et ses activités visaient à inciter les citoyens européens à un dialogue continu avec les responsables politiques aux niveaux local et européen, et à leur permettre d'identifier ensemble des problèmes et d'y chercher des solutions.",
        "Au cours du projet, des rencontres multilatérales ont été organisées sur trois valeurs fondamentales de l'Union européenne : la solidarité, la tolérance et la paix.",
        "Y ont participé des citoyens d'âges divers, des membres des organisations et des villes partenaires, des responsables politiques locaux, des enseignants et des journalistes.",
        'Entre ces rencontres, les organisations partenaires ont mené sur leur territoire des activités variées dans chacun des trois volets thématiques : solidarité, tolérance et paix.',
        'Elles ont notamment réalisé des enquêtes de rue sur la solidarité, préparé et joué des pièces de théâtre sur la tolérance (sous forme de théâtre-forum) et écrit des textes pour un livret sur la paix.',
        'Les résultats de toutes les activités locales ont été présentés lors des rencontres multilatérales.',
        'Lors de la dernière rencontre des partenaires du projet, il a été convenu que certaines organisations poursuivraient leur coopération, ce qui a assuré la pérennité des résultats de ce projet.',
      ].join(' '),
    },
    [Locale.DE]: {
      title: 'Partnerschaft der Städte zur Verteidigung der Grundwerte der EU gegen Extremismus und Populismus',
      description: [
        '„CitiPart – Partnerschaft der Städte zur Verteidigung der Grundwerte der EU gegen Extremismus und Populismus“ ist ein interaktives Netzwerk von acht Städten, Vereinen und Organisationen aus fünf Mitgliedstaaten der Europäischen Union.',
        'Ziel ihres Zusammenschlusses ist es, dem wachsenden Populismus und Extremismus in der gesamten EU mit Argumenten entgegenzutreten.',
        'Das Projekt begann im September 2015 und endete im September 2017, und durch die Projektaktivitäten sollten die europäischen Bürger zu einem kontinuierlichen Dialog mit Politikern auf lokaler und europäischer Ebene motiviert und in die Lage versetzt werden, gemeinsam Probleme zu erkennen und nach Lösungen dafür zu suchen.',
        'Während des Projekts fanden multilaterale Treffen zu drei Grundwerten der Europäischen Union statt: Solidarität, Toleranz und Frieden.',
        'Teilnehmer waren Bürger unterschiedlichen Alters, Mitglieder der Partnerorganisationen und Partnerstädte, Lokalpolitiker, Lehrer und Journalisten.',
        'In den Zeiträumen zwischen diesen Treffen führten die Partnerorganisationen in ihrem jeweiligen lokalen Umfeld vielfältige Aktivitäten in allen drei Themenblöcken durch: Solidarität, Toleranz und Frieden.',
        'Unter anderem wurden Straßenumfragen zur Solidarität durchgeführt, Theaterstücke zur Toleranz (in Form von Forumtheater) vorbereitet und aufgeführt sowie Texte für eine Broschüre über den Frieden geschrieben.',
        'Die Ergebnisse aller lokalen Aktivitäten wurden bei den multilateralen Treffen vorgestellt.',
        'Beim letzten Treffen der Projektpartner wurde die Fortsetzung der Zusammenarbeit einzelner Organisationen vereinbart, wodurch die Nachhaltigkeit der Ergebnisse dieses Projekts gesichert wurde.',
      ].join(' '),
    },
    [Locale.PL]: {
      title: 'Partnerstwo miast na rzecz obrony podstawowych wartości UE przed ekstremizmem i populizmem',
      description: [
        '„CitiPart – partnerstwo miast na rzecz obrony podstawowych wartości UE przed ekstremizmem i populizmem” to interaktywna sieć ośmiu miast, stowarzyszeń i organizacji z pięciu państw członkowskich Unii Europejskiej.',
        'Celem tego zrzeszenia jest przeciwstawianie się za pomocą argumentów narastającemu populizmowi i ekstremizmowi w całej UE.',
        'Projekt rozpoczął się we wrześniu 2015 r. i zakończył we wrześniu 2017 r., a poprzez działania projektowe chciano zmotywować obywateli europejskich do stałego dialogu z politykami na szczeblu lokalnym i europejskim oraz umożliwić im wspólne rozpoznawanie problemów i poszukiwanie ich rozwiązań.',
        'W trakcie projektu odbyły się spotkania wielostronne poświęcone trzem podstawowym wartościom Unii Europejskiej: solidarności, tolerancji i pokojowi.',
        'Ich uczestnikami byli obywatele w różnym wieku, członkowie organizacji i miast partnerskich, lokalni politycy, nauczyciele i dziennikarze.',
        'W okresach między tymi spotkaniami organizacje partnerskie prowadziły w swoich środowiskach lokalnych różnorodne działania we wszystkich trzech blokach tematycznych: solidarność, tolerancja i pokój.',
        'Między innymi przeprowadzano sondy uliczne na temat solidarności, przygotowywano i wystawiano spektakle teatralne o tolerancji (w formie teatru forum) oraz pisano teksty do broszury o pokoju.',
        'Wyniki wszystkich działań lokalnych przedstawiono na spotkaniach wielostronnych.',
        'Na ostatnim spotkaniu partnerów projektu uzgodniono kontynuację współpracy niektórych organizacji, co zapewniło trwałość rezultatów tego projektu.',
      ].join(' '),
    },
  } satisfies Record<Locale, TitleAndDescription>,
};

export const MEETING_TEXTS: Record<string, LocalizedTexts<'title' | 'description'>> = {
  [MEETING_ID.kickOff]: {
    originalLocale: Locale.EN,
    texts: {
      [Locale.EN]: {
        title: 'Kick-off meeting in Saint-Germain-en-Laye',
        description:
          "The network's kick-off meeting was held in Saint-Germain-en-Laye from 27 September to 1 October 2015, hosted by the Maison de l'Europe des Yvelines. It brought together 55 citizens.",
      },
      [Locale.HR]: {
        title: 'Uvodni susret u Saint-Germain-en-Layeu',
        description:
          "Uvodni susret mreže održan je od 27. rujna do 1. listopada 2015. u Saint-Germain-en-Layeu, a domaćin susreta bila je udruga Maison de l'Europe des Yvelines. Okupio je 55 građana.",
      },
      [Locale.FR]: {
        title: 'Rencontre de lancement à Saint-Germain-en-Laye',
        description:
          "La rencontre de lancement du réseau s'est tenue à Saint-Germain-en-Laye du 27 septembre au 1er octobre 2015, accueillie par la Maison de l'Europe des Yvelines. Elle a réuni 55 citoyens.",
      },
      [Locale.DE]: {
        title: 'Auftakttreffen in Saint-Germain-en-Laye',
        description:
          "Das Auftakttreffen des Netzwerks fand vom 27. September bis 1. Oktober 2015 in Saint-Germain-en-Laye statt, Gastgeber war das Maison de l'Europe des Yvelines. Daran nahmen 55 Bürger teil.",
      },
      [Locale.PL]: {
        title: 'Spotkanie inauguracyjne w Saint-Germain-en-Laye',
        description:
          "Spotkanie inauguracyjne sieci odbyło się od 27 września do 1 października 2015 r. w Saint-Germain-en-Laye, a jego gospodarzem było stowarzyszenie Maison de l'Europe des Yvelines. Wzięło w nim udział 55 obywateli.",
      },
    } satisfies Record<Locale, TitleAndDescription>,
  },
  [MEETING_ID.solidarity]: {
    originalLocale: Locale.EN,
    texts: {
      [Locale.EN]: {
        title: 'Multilateral meeting about solidarity in Warsaw',
        description:
          'A thematic meeting on solidarity was held in Warsaw from 13 to 15 March 2016, hosted by the Polska Fundacja im. Roberta Schumana. It brought together more than 52 participants from five countries.',
      },
      [Locale.HR]: {
        title: 'Multilateralni susret o solidarnosti u Varšavi',
        description:
          'Tematski susret o solidarnosti održan je od 13. do 15. ožujka 2016. u Varšavi, a domaćin susreta bila je zaklada Polska Fundacja im. Roberta Schumana. Okupio je više od 52 sudionika iz pet zemalja.',
      },
      [Locale.FR]: {
        title: 'Rencontre multilatérale sur la solidarité à Varsovie',
        description:
          "Une rencontre thématique sur la solidarité s'est tenue à Varsovie du 13 au 15 mars 2016, accueillie par la Polska Fundacja im. Roberta Schumana. Elle a réuni plus de 52 participants venus de cinq pays.",
      },
      [Locale.DE]: {
        title: 'Multilaterales Treffen zur Solidarität in Warschau',
        description:
          'Ein thematisches Treffen zur Solidarität fand vom 13. bis 15. März 2016 in Warschau statt, Gastgeber war die Polska Fundacja im. Roberta Schumana. Daran nahmen mehr als 52 Personen aus fünf Ländern teil.',
      },
      [Locale.PL]: {
        title: 'Spotkanie wielostronne na temat solidarności w Warszawie',
        description:
          'Spotkanie tematyczne poświęcone solidarności odbyło się od 13 do 15 marca 2016 r. w Warszawie, a jego gospodarzem była Polska Fundacja im. Roberta Schumana. Wzięło w nim udział ponad 52 uczestników z pięciu krajów.',
      },
    } satisfies Record<Locale, TitleAndDescription>,
  },
  [MEETING_ID.tolerance]: {
    originalLocale: Locale.EN,
    // The host is left out: that BBAG hosted this meeting is inferred, not documented.
    texts: {
      [Locale.EN]: {
        title: 'Multilateral meeting about tolerance in Potsdam',
        description:
          'A thematic meeting on tolerance was held in Potsdam from 28 to 30 November 2016. It brought together over fifty participants.',
      },
      [Locale.HR]: {
        title: 'Multilateralni susret o toleranciji u Potsdamu',
        description:
          'Tematski susret o toleranciji održan je od 28. do 30. studenoga 2016. u Potsdamu. Okupio je više od pedeset sudionika.',
      },
      [Locale.FR]: {
        title: 'Rencontre multilatérale sur la tolérance à Potsdam',
        description:
          "Une rencontre thématique sur la tolérance s'est tenue à Potsdam du 28 au 30 novembre 2016. Elle a réuni plus de cinquante participants.",
      },
      [Locale.DE]: {
        title: 'Multilaterales Treffen zur Toleranz in Potsdam',
        description:
          'Ein thematisches Treffen zur Toleranz fand vom 28. bis 30. November 2016 in Potsdam statt. Daran nahmen über fünfzig Personen teil.',
      },
      [Locale.PL]: {
        title: 'Spotkanie wielostronne na temat tolerancji w Poczdamie',
        description:
          'Spotkanie tematyczne poświęcone tolerancji odbyło się od 28 do 30 listopada 2016 r. w Poczdamie. Wzięło w nim udział ponad pięćdziesięciu uczestników.',
      },
    } satisfies Record<Locale, TitleAndDescription>,
  },
  [MEETING_ID.peace]: {
    originalLocale: Locale.EN,
    texts: {
      [Locale.EN]: {
        title: 'Multilateral meeting about peace in Scy-Chazelles and Metz',
        description:
          'A thematic meeting on peace was held in Scy-Chazelles and Metz from 27 February to 1 March 2017, hosted by the Centre européen Robert Schuman. It brought together 54 participants.',
      },
      [Locale.HR]: {
        title: 'Multilateralni susret o miru u Scy-Chazellesu i Metzu',
        description:
          'Tematski susret o miru održan je od 27. veljače do 1. ožujka 2017. u Scy-Chazellesu i Metzu, a domaćin susreta bila je udruga Centre européen Robert Schuman. Okupio je 54 sudionika.',
      },
      [Locale.FR]: {
        title: 'Rencontre multilatérale sur la paix à Scy-Chazelles et Metz',
        description:
          "Une rencontre thématique sur la paix s'est tenue à Scy-Chazelles et à Metz du 27 février au 1er mars 2017, accueillie par le Centre européen Robert Schuman. Elle a réuni 54 participants.",
      },
      [Locale.DE]: {
        title: 'Multilaterales Treffen zum Frieden in Scy-Chazelles und Metz',
        description:
          'Ein thematisches Treffen zum Frieden fand vom 27. Februar bis 1. März 2017 in Scy-Chazelles und Metz statt, Gastgeber war das Centre européen Robert Schuman. Daran nahmen 54 Personen teil.',
      },
      [Locale.PL]: {
        title: 'Spotkanie wielostronne na temat pokoju w Scy-Chazelles i Metz',
        description:
          'Spotkanie tematyczne poświęcone pokojowi odbyło się od 27 lutego do 1 marca 2017 r. w Scy-Chazelles i Metz, a jego gospodarzem było Centre européen Robert Schuman. Wzięło w nim udział 54 uczestników.',
      },
    } satisfies Record<Locale, TitleAndDescription>,
  },
  [MEETING_ID.closing]: {
    originalLocale: Locale.EN,
    texts: {
      [Locale.EN]: {
        title: 'Last meeting of the network and reports in Villach',
        description:
          "The network's closing conference on all three themes was held in Villach from 13 to 15 September 2017, hosted by Verein GEMMA. It brought together around 50 participants, and some of the partner organisations agreed there to continue their cooperation.",
      },
      [Locale.HR]: {
        title: 'Posljednji susret mreže i izvještaji u Villachu',
        description:
          'Završna konferencija mreže, posvećena svim trima temama, održana je od 13. do 15. rujna 2017. u Villachu, a domaćin je bio Verein GEMMA. Okupila je oko 50 sudionika, a pojedine partnerske organizacije na njoj su dogovorile nastavak suradnje.',
      },
      [Locale.FR]: {
        title: 'Dernière rencontre du réseau et rapports à Villach',
        description:
          "La conférence de clôture du réseau, consacrée aux trois thèmes, s'est tenue à Villach du 13 au 15 septembre 2017, accueillie par Verein GEMMA. Elle a réuni environ 50 participants, et certaines organisations partenaires s'y sont mises d'accord pour poursuivre leur coopération.",
      },
      [Locale.DE]: {
        title: 'Letztes Treffen des Netzwerks und Berichte in Villach',
        description:
          'Die Abschlusskonferenz des Netzwerks zu allen drei Themen fand vom 13. bis 15. September 2017 in Villach statt, Gastgeber war der Verein GEMMA. Daran nahmen rund 50 Personen teil, und einige Partnerorganisationen vereinbarten dort, ihre Zusammenarbeit fortzusetzen.',
      },
      [Locale.PL]: {
        title: 'Ostatnie spotkanie sieci i sprawozdania w Villach',
        description:
          'Konferencja końcowa sieci, poświęcona wszystkim trzem tematom, odbyła się od 13 do 15 września 2017 r. w Villach, a jej gospodarzem był Verein GEMMA. Wzięło w niej udział około 50 uczestników, a niektóre organizacje partnerskie postanowiły tam kontynuować współpracę.',
      },
    } satisfies Record<Locale, TitleAndDescription>,
  },
} satisfies Record<MeetingId, LocalizedTexts<'title' | 'description'>>;
