import { Locale, type LocalizedTexts } from '@citipart/schema';

// The texts of the three demo activities every partner gets (demo-activities.ts), by
// partner id: in the partner's own language, the original, and in English, with the same
// meaning as demo-activities.ts's English texts, "(sample data)" marker included. The texts
// in the partners' languages are machine-made translations, not yet reviewed by native
// speakers, written by the project's engineers.

export type DemoActivitySlug = 'street-survey-solidarity' | 'forum-theatre-tolerance' | 'booklet-text-peace';

type TitleAndDescription = Record<'title' | 'description', string>;
type DemoTexts = Record<DemoActivitySlug, TitleAndDescription>;

export const english = (town: string): DemoTexts => ({
  'street-survey-solidarity': {
    title: `Street survey on solidarity in ${town}`,
    description: 'Passers-by asked what solidarity between Europeans means to them (sample data).',
  },
  'forum-theatre-tolerance': {
    title: `Forum theatre on tolerance in ${town}`,
    description: 'A forum-theatre scene about prejudice, replayed with the audience (sample data).',
  },
  'booklet-text-peace': {
    title: `Texts from ${town} for the booklet on peace`,
    description: "Local writers' texts for the network's booklet on peace (sample data).",
  },
});

const french = (town: string): DemoTexts => ({
  'street-survey-solidarity': {
    title: `Enquête de rue sur la solidarité à ${town}`,
    description:
      "Des passants ont été interrogés sur ce que la solidarité entre Européens signifie pour eux (données d'exemple).",
  },
  'forum-theatre-tolerance': {
    title: `Théâtre-forum sur la tolérance à ${town}`,
    description: "Une scène de théâtre-forum sur les préjugés, rejouée avec le public (données d'exemple).",
  },
  'booklet-text-peace': {
    title: `Textes de ${town} pour le livret sur la paix`,
    description: "Des textes d'auteurs locaux pour le livret du réseau sur la paix (données d'exemple).",
  },
});

/** Polish needs the town in the locative ("w Warszawie") and the genitive ("z Warszawy"). */
const polish = (town: { locative: string; genitive: string }): DemoTexts => ({
  'street-survey-solidarity': {
    title: `Sonda uliczna na temat solidarności w ${town.locative}`,
    description: 'Przechodnie zapytani o to, co oznacza dla nich solidarność między Europejczykami (przykładowe dane).',
  },
  'forum-theatre-tolerance': {
    title: `Teatr forum o tolerancji w ${town.locative}`,
    description: 'Scena teatru forum o uprzedzeniach, odegrana ponownie z udziałem publiczności (przykładowe dane).',
  },
  'booklet-text-peace': {
    title: `Teksty z ${town.genitive} do broszury o pokoju`,
    description: 'Teksty lokalnych autorów do broszury sieci o pokoju (przykładowe dane).',
  },
});

const german = (town: string): DemoTexts => ({
  'street-survey-solidarity': {
    title: `Straßenumfrage zur Solidarität in ${town}`,
    description: 'Passanten wurden gefragt, was Solidarität zwischen Europäern für sie bedeutet (Beispieldaten).',
  },
  'forum-theatre-tolerance': {
    title: `Forumtheater zur Toleranz in ${town}`,
    description:
      'Eine Forumtheaterszene über Vorurteile, die mit dem Publikum noch einmal gespielt wird (Beispieldaten).',
  },
  'booklet-text-peace': {
    title: `Texte aus ${town} für die Broschüre über den Frieden`,
    description: 'Texte lokaler Autoren für die Friedensbroschüre des Netzwerks (Beispieldaten).',
  },
});

/** Croatian needs the town in the locative ("u Dubrovniku") and the genitive ("iz Dubrovnika"). */
const croatian = (town: { locative: string; genitive: string }): DemoTexts => ({
  'street-survey-solidarity': {
    title: `Ulična anketa o solidarnosti u ${town.locative}`,
    description: 'Prolaznici su upitani što za njih znači solidarnost među Europljanima (ogledni podaci).',
  },
  'forum-theatre-tolerance': {
    title: `Forum teatar o toleranciji u ${town.locative}`,
    description: 'Scena forum teatra o predrasudama, ponovno odigrana s publikom (ogledni podaci).',
  },
  'booklet-text-peace': {
    title: `Tekstovi iz ${town.genitive} za knjižicu o miru`,
    description: 'Tekstovi lokalnih autora za knjižicu mreže o miru (ogledni podaci).',
  },
});

type DemoActivityTexts = Record<DemoActivitySlug, LocalizedTexts<'title' | 'description'>>;

/** One partner's texts: the original in `originalLocale`, and English. */
function demoTexts(originalLocale: Locale, original: DemoTexts, inEnglish: DemoTexts): DemoActivityTexts {
  const entry = (slug: DemoActivitySlug): LocalizedTexts<'title' | 'description'> => ({
    originalLocale,
    texts: { [originalLocale]: original[slug], [Locale.EN]: inEnglish[slug] },
  });
  return {
    'street-survey-solidarity': entry('street-survey-solidarity'),
    'forum-theatre-tolerance': entry('forum-theatre-tolerance'),
    'booklet-text-peace': entry('booklet-text-peace'),
  };
}

export const DEMO_ACTIVITY_TEXTS: Record<string, Record<DemoActivitySlug, LocalizedTexts<'title' | 'description'>>> = {
  'maison-europe-yvelines': demoTexts(Locale.FR, french('Saint-Germain-en-Laye'), english('Saint-Germain-en-Laye')),
  'maison-europe-nimes': demoTexts(Locale.FR, french('Nîmes'), english('Nîmes')),
  'centre-europeen-robert-schuman': demoTexts(Locale.FR, french('Scy-Chazelles'), english('Scy-Chazelles')),
  'polska-fundacja-roberta-schumana': demoTexts(
    Locale.PL,
    polish({ locative: 'Warszawie', genitive: 'Warszawy' }),
    english('Warsaw'),
  ),
  'miasto-sosnowiec': demoTexts(
    Locale.PL,
    polish({ locative: 'Sosnowcu', genitive: 'Sosnowca' }),
    english('Sosnowiec'),
  ),
  bbag: demoTexts(Locale.DE, german('Potsdam'), english('Potsdam')),
  'europski-dom-dubrovnik': demoTexts(
    Locale.HR,
    croatian({ locative: 'Dubrovniku', genitive: 'Dubrovnika' }),
    english('Dubrovnik'),
  ),
  // Austria: German.
  'gemma-villach': demoTexts(Locale.DE, german('Villach'), english('Villach')),
};
