import { Locale, type LocalizedTexts } from '@citipart/schema';

// The texts of the one documented local activity, the Maison de l'Europe des Yvelines'
// forum-theatre piece TOLER'ACTION (european-houses.data.ts). The title is the piece's own
// name, the same in every language. The descriptions are machine-made translations, not
// yet reviewed by native speakers, written by the project's engineers from the English
// description.

type TitleAndDescription = Record<'title' | 'description', string>;

const TITLE = "TOLER'ACTION";

export const TOLERACTION_TEXTS: LocalizedTexts<'title' | 'description'> = {
  originalLocale: Locale.FR,
  texts: {
    [Locale.FR]: {
      title: TITLE,
      description:
        "Une pièce de théâtre-forum sur la tolérance avec des groupes de jeunes locaux, et un questionnaire lors d'un forum des sports le 3 septembre 2016.",
    },
    [Locale.EN]: {
      title: TITLE,
      description:
        'A forum-theatre piece on tolerance with local youth groups, and a questionnaire at a sports forum on 3 September 2016.',
    },
    [Locale.HR]: {
      title: TITLE,
      description:
        'Predstava forum teatra o toleranciji s lokalnim skupinama mladih te upitnik na sportskom forumu 3. rujna 2016.',
    },
    [Locale.DE]: {
      title: TITLE,
      description:
        'Ein Forumtheaterstück zur Toleranz mit örtlichen Jugendgruppen sowie ein Fragebogen bei einem Sportforum am 3. September 2016.',
    },
    [Locale.PL]: {
      title: TITLE,
      description:
        'Spektakl teatru forum o tolerancji z udziałem lokalnych grup młodzieżowych oraz ankieta na forum sportowym 3 września 2016 r.',
    },
  } satisfies Record<Locale, TitleAndDescription>,
};
