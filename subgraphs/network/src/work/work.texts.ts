import { Locale, type LocalizedTexts } from '@citipart/schema';
import { MEETING_ID } from '@citipart/subgraph-kit';

// The texts of the network's seeded work (work.data.ts): the common questionnaire, the
// conclusions of the three thematic meetings and the two cooperations agreed at Villach. All
// of it is sample data (the sources document none of it; docs/DATASET.md), written in English,
// the network's language, by the project's engineers. The Croatian, French, German and Polish
// texts are machine-made translations, not yet reviewed by native speakers. The "(sample
// data)" marker of the conclusions' follow-ups and the cooperations' descriptions is in every
// language; official names (the Maison de Robert Schuman) are never translated.

type Texts<F extends string> = LocalizedTexts<F> & { texts: Record<Locale, Record<F, string>> };

/** The questionnaire, by question id. These ids are fixed: partners' survey questions point at them. */
export const QUESTION_SEED_TEXTS = {
  'q-solidarity-1': {
    originalLocale: Locale.EN,
    texts: {
      [Locale.EN]: { text: 'What does solidarity between Europeans mean to you?' },
      [Locale.HR]: { text: 'Što za vas znači solidarnost među Europljanima?' },
      [Locale.FR]: { text: 'Que signifie pour vous la solidarité entre Européens ?' },
      [Locale.DE]: { text: 'Was bedeutet Solidarität zwischen Europäern für Sie?' },
      [Locale.PL]: { text: 'Co oznacza dla Pana/Pani solidarność między Europejczykami?' },
    },
  },
  'q-solidarity-2': {
    originalLocale: Locale.EN,
    texts: {
      [Locale.EN]: { text: 'Have you helped someone from another EU country in the past year?' },
      [Locale.HR]: { text: 'Jeste li u posljednjih godinu dana pomogli nekome iz druge zemlje EU-a?' },
      [Locale.FR]: { text: "Avez-vous aidé quelqu'un d'un autre pays de l'UE au cours de l'année écoulée ?" },
      [Locale.DE]: { text: 'Haben Sie im vergangenen Jahr jemandem aus einem anderen EU-Land geholfen?' },
      [Locale.PL]: { text: 'Czy w ciągu ostatniego roku pomógł Pan/pomogła Pani komuś z innego kraju UE?' },
    },
  },
  'q-tolerance-1': {
    originalLocale: Locale.EN,
    texts: {
      [Locale.EN]: { text: 'Have you witnessed intolerance towards someone in your town in the past year?' },
      [Locale.HR]: { text: 'Jeste li u posljednjih godinu dana u svojem gradu svjedočili netoleranciji prema nekome?' },
      [Locale.FR]: {
        text: "Avez-vous été témoin d'intolérance envers quelqu'un dans votre ville au cours de l'année écoulée ?",
      },
      [Locale.DE]: { text: 'Haben Sie im vergangenen Jahr in Ihrer Stadt Intoleranz gegenüber jemandem miterlebt?' },
      [Locale.PL]: {
        text: 'Czy w ciągu ostatniego roku był Pan/była Pani świadkiem nietolerancji wobec kogoś w swoim mieście?',
      },
    },
  },
  'q-peace-1': {
    originalLocale: Locale.EN,
    texts: {
      [Locale.EN]: { text: 'Do you think peace in Europe can be taken for granted?' },
      [Locale.HR]: { text: 'Mislite li da se mir u Europi može uzeti zdravo za gotovo?' },
      [Locale.FR]: { text: 'Pensez-vous que la paix en Europe soit acquise ?' },
      [Locale.DE]: { text: 'Glauben Sie, dass der Frieden in Europa selbstverständlich ist?' },
      [Locale.PL]: { text: 'Czy uważa Pan/Pani, że pokój w Europie jest dany raz na zawsze?' },
    },
  },
} satisfies Record<string, Texts<'text'>>;

type ConclusionTexts = Texts<'problem' | 'proposal' | 'followUp'>;

/** The conclusions of each thematic meeting, in order. */
export const CONCLUSION_SEED_TEXTS: Record<string, ConclusionTexts[]> = {
  [MEETING_ID.solidarity]: [
    {
      originalLocale: Locale.EN,
      texts: {
        [Locale.EN]: {
          problem:
            'Citizens hear about solidarity between EU countries mostly when governments disagree, and rarely see what it means in their own town.',
          proposal:
            "Show local examples of European solidarity, such as town twinning, volunteering and jointly funded projects, in a public exhibition and on the town's web site.",
          followUp: 'Each partner collects three local examples for the tolerance meeting in Potsdam (sample data).',
        },
        [Locale.HR]: {
          problem:
            'Građani o solidarnosti među državama EU-a uglavnom čuju kad se vlade ne slažu, a rijetko vide što ona znači u njihovu gradu.',
          proposal:
            'Prikazati lokalne primjere europske solidarnosti, poput bratimljenja gradova, volonterstva i zajednički financiranih projekata, na javnoj izložbi i na mrežnim stranicama grada.',
          followUp: 'Svaki partner prikuplja tri lokalna primjera za susret o toleranciji u Potsdamu (ogledni podaci).',
        },
        [Locale.FR]: {
          problem:
            "Les citoyens entendent parler de solidarité entre pays de l'UE surtout quand les gouvernements sont en désaccord, et voient rarement ce qu'elle signifie dans leur propre ville.",
          proposal:
            'Montrer des exemples locaux de solidarité européenne, comme les jumelages, le bénévolat et les projets financés en commun, dans une exposition publique et sur le site internet de la ville.',
          followUp:
            "Chaque partenaire rassemble trois exemples locaux pour la rencontre sur la tolérance à Potsdam (données d'exemple).",
        },
        [Locale.DE]: {
          problem:
            'Die Bürger hören von Solidarität zwischen EU-Ländern meist dann, wenn die Regierungen uneins sind, und sehen selten, was sie in ihrer eigenen Stadt bedeutet.',
          proposal:
            'Lokale Beispiele europäischer Solidarität wie Städtepartnerschaften, ehrenamtliches Engagement und gemeinsam finanzierte Projekte in einer öffentlichen Ausstellung und auf der Website der Stadt zeigen.',
          followUp:
            'Jeder Partner sammelt drei lokale Beispiele für das Treffen zur Toleranz in Potsdam (Beispieldaten).',
        },
        [Locale.PL]: {
          problem:
            'Obywatele słyszą o solidarności między państwami UE głównie wtedy, gdy rządy się spierają, a rzadko widzą, co oznacza ona w ich własnym mieście.',
          proposal:
            'Pokazywać lokalne przykłady europejskiej solidarności, takie jak partnerstwa miast, wolontariat i wspólnie finansowane projekty, na publicznej wystawie i na stronie internetowej miasta.',
          followUp:
            'Każdy partner zbiera trzy lokalne przykłady na spotkanie poświęcone tolerancji w Poczdamie (przykładowe dane).',
        },
      },
    },
    {
      originalLocale: Locale.EN,
      texts: {
        [Locale.EN]: {
          problem:
            'Young and older citizens seldom meet to talk about Europe, and each group thinks the other is not interested.',
          proposal:
            'Run the street surveys in pairs of one young and one older volunteer, and discuss the results with local councillors.',
          followUp: "The partners' youth groups prepare the survey pairs before the summer (sample data).",
        },
        [Locale.HR]: {
          problem:
            'Mladi i stariji građani rijetko se susreću kako bi razgovarali o Europi, a svaka skupina misli da druga za to nije zainteresirana.',
          proposal:
            'Provoditi ulične ankete u parovima jednog mlađeg i jednog starijeg volontera te o rezultatima raspraviti s lokalnim vijećnicima.',
          followUp: 'Skupine mladih partnerskih organizacija pripremaju anketne parove prije ljeta (ogledni podaci).',
        },
        [Locale.FR]: {
          problem:
            "Les jeunes et les citoyens plus âgés se rencontrent rarement pour parler de l'Europe, et chaque groupe pense que l'autre ne s'y intéresse pas.",
          proposal:
            "Mener les enquêtes de rue en binômes d'un jeune et d'un bénévole plus âgé, et discuter des résultats avec les élus locaux.",
          followUp:
            "Les groupes de jeunes des partenaires préparent les binômes d'enquêteurs avant l'été (données d'exemple).",
        },
        [Locale.DE]: {
          problem:
            'Junge und ältere Bürger treffen sich selten, um über Europa zu sprechen, und jede Gruppe glaubt, die andere interessiere sich nicht dafür.',
          proposal:
            'Die Straßenumfragen in Paaren aus einer jungen und einer älteren ehrenamtlichen Person durchführen und die Ergebnisse mit den örtlichen Gemeinderäten besprechen.',
          followUp: 'Die Jugendgruppen der Partner bereiten die Umfragepaare vor dem Sommer vor (Beispieldaten).',
        },
        [Locale.PL]: {
          problem:
            'Młodzi i starsi obywatele rzadko spotykają się, by rozmawiać o Europie, a każda z tych grup sądzi, że druga nie jest tym zainteresowana.',
          proposal:
            'Prowadzić sondy uliczne w parach złożonych z młodszego i starszego wolontariusza, a wyniki omawiać z lokalnymi radnymi.',
          followUp: 'Grupy młodzieżowe partnerów przygotowują pary ankieterów przed latem (przykładowe dane).',
        },
      },
    },
  ],
  [MEETING_ID.tolerance]: [
    {
      originalLocale: Locale.EN,
      texts: {
        [Locale.EN]: {
          problem: 'Prejudice against newcomers grows where people have no occasion to meet them.',
          proposal:
            'Open the forum-theatre performances to newcomers and long-time residents alike, and invite local politicians to act in the scenes rather than watch them.',
          followUp:
            'At the peace meeting, the partners report how many politicians took part in a performance (sample data).',
        },
        [Locale.HR]: {
          problem: 'Predrasude prema pridošlicama rastu ondje gdje ljudi nemaju prilike upoznati ih.',
          proposal:
            'Otvoriti izvedbe forum teatra i pridošlicama i dugogodišnjim stanovnicima te pozvati lokalne političare da sudjeluju u scenama umjesto da ih samo gledaju.',
          followUp:
            'Na susretu o miru partneri izvješćuju koliko je političara sudjelovalo u nekoj izvedbi (ogledni podaci).',
        },
        [Locale.FR]: {
          problem:
            "Les préjugés envers les nouveaux arrivants grandissent là où les gens n'ont pas l'occasion de les rencontrer.",
          proposal:
            "Ouvrir les représentations de théâtre-forum aux nouveaux arrivants comme aux habitants de longue date, et inviter les élus locaux à jouer dans les scènes plutôt qu'à les regarder.",
          followUp:
            "Lors de la rencontre sur la paix, les partenaires indiquent combien d'élus ont participé à une représentation (données d'exemple).",
        },
        [Locale.DE]: {
          problem:
            'Vorurteile gegenüber Neuankömmlingen wachsen dort, wo die Menschen keine Gelegenheit haben, ihnen zu begegnen.',
          proposal:
            'Die Forumtheater-Aufführungen für Neuankömmlinge wie für alteingesessene Einwohner öffnen und Lokalpolitiker einladen, in den Szenen mitzuspielen, statt nur zuzuschauen.',
          followUp:
            'Beim Treffen zum Frieden berichten die Partner, wie viele Politiker an einer Aufführung mitgewirkt haben (Beispieldaten).',
        },
        [Locale.PL]: {
          problem: 'Uprzedzenia wobec przybyszów narastają tam, gdzie ludzie nie mają okazji ich spotkać.',
          proposal:
            'Otworzyć przedstawienia teatru forum zarówno dla przybyszów, jak i dla wieloletnich mieszkańców, oraz zapraszać lokalnych polityków, by grali w scenach, zamiast je tylko oglądać.',
          followUp:
            'Na spotkaniu poświęconym pokojowi partnerzy informują, ilu polityków wzięło udział w przedstawieniu (przykładowe dane).',
        },
      },
    },
    {
      originalLocale: Locale.EN,
      texts: {
        [Locale.EN]: {
          problem: 'Hate speech online reaches teenagers before their teachers or parents notice it.',
          proposal:
            'Schools and partner organisations teach pupils to recognise hate speech and answer it, with journalists explaining how false stories spread.',
          followUp:
            'Teachers among the participants draft a workshop outline to share within the network (sample data).',
        },
        [Locale.HR]: {
          problem:
            'Govor mržnje na internetu dopire do tinejdžera prije nego što ga primijete njihovi nastavnici ili roditelji.',
          proposal:
            'Škole i partnerske organizacije uče učenike prepoznati govor mržnje i odgovoriti na njega, a novinari objašnjavaju kako se šire lažne vijesti.',
          followUp:
            'Nastavnici među sudionicima izrađuju nacrt radionice koji će podijeliti unutar mreže (ogledni podaci).',
        },
        [Locale.FR]: {
          problem:
            "Les discours de haine en ligne atteignent les adolescents avant que leurs enseignants ou leurs parents ne s'en aperçoivent.",
          proposal:
            'Les écoles et les organisations partenaires apprennent aux élèves à reconnaître les discours de haine et à y répondre, avec des journalistes qui expliquent comment se propagent les fausses informations.',
          followUp:
            "Les enseignants parmi les participants rédigent le plan d'un atelier à partager au sein du réseau (données d'exemple).",
        },
        [Locale.DE]: {
          problem: 'Hassrede im Internet erreicht Jugendliche, bevor ihre Lehrer oder Eltern es bemerken.',
          proposal:
            'Schulen und Partnerorganisationen bringen Schülern bei, Hassrede zu erkennen und darauf zu antworten; Journalisten erklären, wie sich Falschmeldungen verbreiten.',
          followUp:
            'Lehrkräfte unter den Teilnehmenden entwerfen einen Workshop-Ablauf, der im Netzwerk geteilt wird (Beispieldaten).',
        },
        [Locale.PL]: {
          problem: 'Mowa nienawiści w internecie dociera do nastolatków, zanim zauważą to ich nauczyciele lub rodzice.',
          proposal:
            'Szkoły i organizacje partnerskie uczą uczniów rozpoznawać mowę nienawiści i na nią odpowiadać, a dziennikarze wyjaśniają, jak rozprzestrzeniają się fałszywe informacje.',
          followUp:
            'Nauczyciele spośród uczestników opracowują konspekt warsztatów, który zostanie udostępniony w sieci (przykładowe dane).',
        },
      },
    },
    {
      originalLocale: Locale.EN,
      texts: {
        [Locale.EN]: {
          problem: 'Local politicians rarely hear directly from the citizens who feel left out.',
          proposal: 'Hold open meetings in the neighbourhoods, where politicians listen first and answer afterwards.',
          followUp:
            'Each partner asks its town council to hold one such meeting before the closing conference (sample data).',
        },
        [Locale.HR]: {
          problem: 'Lokalni političari rijetko izravno čuju građane koji se osjećaju isključenima.',
          proposal:
            'Održavati otvorene sastanke u četvrtima, na kojima političari najprije slušaju, a zatim odgovaraju.',
          followUp:
            'Svaki partner traži od svojega gradskog vijeća da do završne konferencije održi jedan takav sastanak (ogledni podaci).',
        },
        [Locale.FR]: {
          problem: 'Les élus locaux entendent rarement directement les citoyens qui se sentent laissés pour compte.',
          proposal:
            "Organiser des réunions ouvertes dans les quartiers, où les élus écoutent d'abord et répondent ensuite.",
          followUp:
            "Chaque partenaire demande à son conseil municipal d'organiser une telle réunion avant la conférence de clôture (données d'exemple).",
        },
        [Locale.DE]: {
          problem: 'Lokalpolitiker hören selten direkt von den Bürgern, die sich ausgeschlossen fühlen.',
          proposal:
            'Offene Versammlungen in den Stadtvierteln abhalten, bei denen die Politiker zuerst zuhören und danach antworten.',
          followUp:
            'Jeder Partner bittet seinen Gemeinderat, vor der Abschlusskonferenz eine solche Versammlung abzuhalten (Beispieldaten).',
        },
        [Locale.PL]: {
          problem: 'Lokalni politycy rzadko słyszą bezpośrednio głos obywateli, którzy czują się wykluczeni.',
          proposal:
            'Organizować otwarte spotkania w dzielnicach, na których politycy najpierw słuchają, a potem odpowiadają.',
          followUp:
            'Każdy partner zwraca się do swojej rady miasta o zorganizowanie jednego takiego spotkania przed konferencją końcową (przykładowe dane).',
        },
      },
    },
  ],
  [MEETING_ID.peace]: [
    {
      originalLocale: Locale.EN,
      texts: {
        [Locale.EN]: {
          problem:
            "Many young Europeans take peace between the EU's countries for granted and know little of how it was built.",
          proposal:
            'Bring pupils to places of European remembrance, such as the Maison de Robert Schuman, and let them write about what peace means to them.',
          followUp:
            'The texts for the booklet on peace are collected for the closing conference in Villach (sample data).',
        },
        [Locale.HR]: {
          problem:
            'Mnogi mladi Europljani mir među državama EU-a uzimaju zdravo za gotovo i malo znaju o tome kako je izgrađen.',
          proposal:
            'Dovoditi učenike na mjesta europskog sjećanja, poput kuće Maison de Robert Schuman, i potaknuti ih da pišu o tome što za njih znači mir.',
          followUp: 'Tekstovi za knjižicu o miru prikupljaju se za završnu konferenciju u Villachu (ogledni podaci).',
        },
        [Locale.FR]: {
          problem:
            "Beaucoup de jeunes Européens considèrent la paix entre les pays de l'UE comme acquise et savent peu de choses de la manière dont elle a été construite.",
          proposal:
            'Emmener les élèves dans des lieux de mémoire européenne, comme la Maison de Robert Schuman, et leur faire écrire ce que la paix signifie pour eux.',
          followUp:
            "Les textes pour le livret sur la paix sont rassemblés pour la conférence de clôture à Villach (données d'exemple).",
        },
        [Locale.DE]: {
          problem:
            'Viele junge Europäer halten den Frieden zwischen den EU-Ländern für selbstverständlich und wissen wenig darüber, wie er aufgebaut wurde.',
          proposal:
            'Schüler an Orte der europäischen Erinnerung wie das Maison de Robert Schuman bringen und sie darüber schreiben lassen, was Frieden für sie bedeutet.',
          followUp:
            'Die Texte für die Broschüre über den Frieden werden für die Abschlusskonferenz in Villach gesammelt (Beispieldaten).',
        },
        [Locale.PL]: {
          problem:
            'Wielu młodych Europejczyków uważa pokój między państwami UE za coś oczywistego i niewiele wie o tym, jak został zbudowany.',
          proposal:
            'Zabierać uczniów do miejsc pamięci europejskiej, takich jak Maison de Robert Schuman, i zachęcać ich do pisania o tym, co oznacza dla nich pokój.',
          followUp: 'Teksty do broszury o pokoju są zbierane na konferencję końcową w Villach (przykładowe dane).',
        },
      },
    },
    {
      originalLocale: Locale.EN,
      texts: {
        [Locale.EN]: {
          problem: 'Populist speech presents neighbouring nations as a threat again.',
          proposal:
            'Answer it with facts and personal stories: citizens of different countries tell in local media how cooperation across borders changed their lives.',
          followUp: 'The partners offer such stories to their local newspapers (sample data).',
        },
        [Locale.HR]: {
          problem: 'Populistički govor ponovno prikazuje susjedne narode kao prijetnju.',
          proposal:
            'Odgovoriti na to činjenicama i osobnim pričama: građani različitih zemalja u lokalnim medijima pričaju kako im je prekogranična suradnja promijenila život.',
          followUp: 'Partneri nude takve priče svojim lokalnim novinama (ogledni podaci).',
        },
        [Locale.FR]: {
          problem: 'Les discours populistes présentent de nouveau les nations voisines comme une menace.',
          proposal:
            'Y répondre par des faits et des témoignages : des citoyens de différents pays racontent dans les médias locaux comment la coopération par-delà les frontières a changé leur vie.',
          followUp: "Les partenaires proposent de tels témoignages à leurs journaux locaux (données d'exemple).",
        },
        [Locale.DE]: {
          problem: 'Populistische Reden stellen Nachbarvölker wieder als Bedrohung dar.',
          proposal:
            'Mit Fakten und persönlichen Geschichten antworten: Bürger aus verschiedenen Ländern erzählen in lokalen Medien, wie die grenzüberschreitende Zusammenarbeit ihr Leben verändert hat.',
          followUp: 'Die Partner bieten solche Geschichten ihren Lokalzeitungen an (Beispieldaten).',
        },
        [Locale.PL]: {
          problem: 'Populistyczna retoryka znów przedstawia sąsiednie narody jako zagrożenie.',
          proposal:
            'Odpowiadać na nią faktami i osobistymi historiami: obywatele różnych krajów opowiadają w lokalnych mediach, jak współpraca ponad granicami zmieniła ich życie.',
          followUp: 'Partnerzy proponują takie historie swoim lokalnym gazetom (przykładowe dane).',
        },
      },
    },
  ],
};

type CooperationTexts = Texts<'title' | 'description'>;

/** The two cooperations agreed at Villach, by id. */
export const COOPERATION_SEED_TEXTS = {
  'villach-2017-forum-theatre-exchange': {
    originalLocale: Locale.EN,
    texts: {
      [Locale.EN]: {
        title: 'Youth exchange on forum theatre',
        description:
          "The partners' youth groups keep staging forum theatre on tolerance and visit each other's performances (sample data).",
      },
      [Locale.HR]: {
        title: 'Razmjena mladih o forum teatru',
        description:
          'Skupine mladih partnerskih organizacija nastavljaju izvoditi forum teatar o toleranciji i posjećuju jedna drugoj izvedbe (ogledni podaci).',
      },
      [Locale.FR]: {
        title: 'Échange de jeunes autour du théâtre-forum',
        description:
          "Les groupes de jeunes des partenaires continuent de jouer du théâtre-forum sur la tolérance et assistent aux représentations les uns des autres (données d'exemple).",
      },
      [Locale.DE]: {
        title: 'Jugendaustausch zum Forumtheater',
        description:
          'Die Jugendgruppen der Partner spielen weiterhin Forumtheater zur Toleranz und besuchen gegenseitig ihre Aufführungen (Beispieldaten).',
      },
      [Locale.PL]: {
        title: 'Wymiana młodzieży wokół teatru forum',
        description:
          'Grupy młodzieżowe partnerów nadal wystawiają spektakle teatru forum o tolerancji i odwiedzają nawzajem swoje przedstawienia (przykładowe dane).',
      },
    },
  },
  'villach-2017-schuman-school-visits': {
    originalLocale: Locale.EN,
    texts: {
      [Locale.EN]: {
        title: 'School visits to places of European remembrance',
        description:
          'The two partners named after Robert Schuman bring school classes to places of European remembrance and share teaching material on peace in Europe (sample data).',
      },
      [Locale.HR]: {
        title: 'Školski posjeti mjestima europskog sjećanja',
        description:
          'Dva partnera nazvana po Robertu Schumanu dovode školske razrede na mjesta europskog sjećanja i razmjenjuju nastavne materijale o miru u Europi (ogledni podaci).',
      },
      [Locale.FR]: {
        title: 'Visites scolaires de lieux de mémoire européenne',
        description:
          "Les deux partenaires qui portent le nom de Robert Schuman emmènent des classes dans des lieux de mémoire européenne et partagent des supports pédagogiques sur la paix en Europe (données d'exemple).",
      },
      [Locale.DE]: {
        title: 'Schulbesuche an Orten der europäischen Erinnerung',
        description:
          'Die beiden nach Robert Schuman benannten Partner bringen Schulklassen an Orte der europäischen Erinnerung und teilen Unterrichtsmaterial über den Frieden in Europa (Beispieldaten).',
      },
      [Locale.PL]: {
        title: 'Wizyty szkolne w miejscach pamięci europejskiej',
        description:
          'Dwaj partnerzy noszący imię Roberta Schumana przywożą klasy szkolne do miejsc pamięci europejskiej i wymieniają się materiałami dydaktycznymi o pokoju w Europie (przykładowe dane).',
      },
    },
  },
} satisfies Record<string, CooperationTexts>;
