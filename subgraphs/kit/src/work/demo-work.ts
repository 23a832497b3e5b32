import { CountQualifier, Locale } from '@citipart/schema';
import { textColumns } from '../translations/translatable';
import type { DemoActivitySlug } from '../partner-type/demo-activity-texts';
import { DEMO_WORK_TEXTS, ENGLISH_BOOKLET_TEXT, PLAY_TEXTS, SURVEY_TEXTS, VENUES } from './demo-work-texts';
import { playRows, surveyRows } from './work.rows';
import type { WorkRows } from './work.seed';

// The work of every partner's three demo activities (partner-type/demo-activities.ts): a
// street survey on solidarity, a forum-theatre play on tolerance and a text for the booklet
// on peace. Nothing of it is documented: it is sample data, like its activities (demo: true),
// written in the partner's language with an English translation (demo-work-texts.ts). The
// numbers are made up but stable: each partner's come from a generator seeded with its id.

/** The network questionnaire's questions that the survey's first two questions ask. */
export const DEMO_NETWORK_QUESTIONS = ['q-solidarity-1', 'q-solidarity-2'] as const;

const activityId = (partnerId: string, slug: DemoActivitySlug) => `${partnerId}-${slug}`;

/** A small deterministic generator (mulberry32) seeded with a string's FNV-1a hash: numbers in [0, 1). */
function seededRandom(seed: string): () => number {
  let state = 0x811c9dc5;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 0x01000193);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Tallies of one single-choice question: most respondents answered (a few did not), split
 * over the options by uneven weights; the counts add up to the respondents at most.
 */
function tallies(random: () => number, respondents: number, options: number): number[] {
  const answered = respondents - Math.floor(random() * respondents * 0.12);
  const weights = Array.from({ length: options }, () => 1 + Math.floor(random() * 9));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const counts = weights.map((weight) => Math.floor((answered * weight) / total));
  const heaviest = weights.indexOf(Math.max(...weights));
  counts[heaviest] += answered - counts.reduce((sum, count) => sum + count, 0);
  return counts;
}

const day = (month: number, date: number) => `2016-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;

/** One partner's demo work, for its demo activities in `town`. */
export function demoWork(partnerId: string, town: string): WorkRows {
  const { locale, bookletText } = DEMO_WORK_TEXTS[partnerId] ?? {
    locale: Locale.EN,
    bookletText: ENGLISH_BOOKLET_TEXT,
  };
  const random = seededRandom(partnerId);
  // Texts in the partner's language, with their English translation.
  const texts = <F extends string>(original: Record<F, string>, english: Record<F, string>) =>
    textColumns<F>({ originalLocale: locale, texts: { [locale]: original, [Locale.EN]: english } });

  const respondents = 40 + Math.floor(random() * 81);
  const questions = SURVEY_TEXTS[locale].map((question, index) => {
    const english = SURVEY_TEXTS[Locale.EN][index];
    const counts = tallies(random, respondents, question.options.length);
    return {
      ...texts({ text: question.text }, { text: english.text }),
      networkQuestionId: DEMO_NETWORK_QUESTIONS[index] ?? null,
      options: question.options.map((option, optionIndex) => ({
        ...texts({ text: option }, { text: english.options[optionIndex] }),
        count: counts[optionIndex],
      })),
    };
  });

  // Between the forum-theatre activity's start (15 October 2016) and the meeting on
  // tolerance in Potsdam (28 November 2016), where the results were presented.
  const play = PLAY_TEXTS[locale];
  const english = PLAY_TEXTS[Locale.EN];
  const performances = [
    { on: day(10, 15 + Math.floor(random() * 7)), audience: 60 + 10 * Math.floor(random() * 7) },
    { on: day(11, 4 + Math.floor(random() * 14)), audience: 40 + 10 * Math.floor(random() * 7) },
  ].map((performance, index) => ({
    performedOn: performance.on,
    town,
    venue: VENUES[locale][index],
    audience: { value: performance.audience, qualifier: CountQualifier.ABOUT },
    interventions: 5 + Math.floor(random() * 16),
    ...texts({ notes: play.notes[index] }, { notes: english.notes[index] }),
  }));

  return {
    surveys: [surveyRows(activityId(partnerId, 'street-survey-solidarity'), respondents, questions)],
    plays: [
      playRows(
        {
          activityId: activityId(partnerId, 'forum-theatre-tolerance'),
          ...texts(
            { title: play.title, synopsis: play.synopsis },
            { title: english.title, synopsis: english.synopsis },
          ),
        },
        performances,
      ),
    ],
    bookletTexts: [
      {
        activityId: activityId(partnerId, 'booklet-text-peace'),
        ...texts(bookletText.original, bookletText.english),
        authorName: bookletText.authorName,
        authorAgeBand: bookletText.authorAgeBand,
        // Sample authors, published with their (fictional) consent.
        authorConsent: true,
      },
    ],
  };
}
