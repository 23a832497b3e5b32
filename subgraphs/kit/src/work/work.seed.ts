import { ActivityKind } from '@citipart/schema';
import type { RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Activity } from '../partner-type/activity.entity';
import { insertRows } from '../writes/replace';
import { BookletText } from './booklet-text.entity';
import { Play } from './play.entity';
import { Survey } from './survey.entity';
import { type PlayRows, type SurveyRows, insertPlays, insertSurveys } from './work.rows';

/** The work of some activities of the built-in dataset, as rows (see work.rows.ts). */
export interface WorkRows {
  surveys?: SurveyRows[];
  plays?: PlayRows[];
  bookletTexts?: RequiredEntityData<BookletText>[];
}

/**
 * Of `rows`, those whose activity exists with the kind the work belongs to and has no such
 * work yet. A survey, play or text is seeded whole or not at all: a survey that a partner
 * replaced keeps its own questions, and the seed never adds the demo's to it.
 */
async function missingWork<R>(
  em: EntityManager,
  kind: ActivityKind,
  rows: readonly R[],
  activityOf: (row: R) => string,
  stored: (activityIds: string[]) => Promise<{ activityId: string }[]>,
): Promise<R[]> {
  const ids = rows.map(activityOf);
  if (!ids.length) return [];
  const fits = new Set((await em.find(Activity, { id: { $in: ids }, kind })).map((activity) => activity.id));
  const has = new Set((await stored(ids)).map((work) => work.activityId));
  return rows.filter((row) => fits.has(activityOf(row)) && !has.has(activityOf(row)));
}

/**
 * Inserts the work of the dataset's activities that is missing, after the activities
 * themselves; returns how many rows of each table were new.
 */
export async function seedWork(em: EntityManager, work: readonly WorkRows[]): Promise<Record<string, number>> {
  const surveys = await missingWork(
    em,
    ActivityKind.STREET_SURVEY,
    work.flatMap((rows) => rows.surveys ?? []),
    (rows) => rows.survey.activityId,
    (ids) => em.find(Survey, { activityId: { $in: ids } }),
  );
  const plays = await missingWork(
    em,
    ActivityKind.FORUM_THEATRE,
    work.flatMap((rows) => rows.plays ?? []),
    (rows) => rows.play.activityId,
    (ids) => em.find(Play, { activityId: { $in: ids } }),
  );
  const texts = await missingWork(
    em,
    ActivityKind.BOOKLET_TEXT,
    work.flatMap((rows) => rows.bookletTexts ?? []),
    (row) => row.activityId,
    (ids) => em.find(BookletText, { activityId: { $in: ids } }),
  );
  await insertSurveys(em, surveys);
  await insertPlays(em, plays);
  await insertRows(em, BookletText, texts);
  return {
    survey: surveys.length,
    surveyQuestion: surveys.reduce((sum, rows) => sum + rows.questions.length, 0),
    surveyOption: surveys.reduce((sum, rows) => sum + rows.options.length, 0),
    play: plays.length,
    performance: plays.reduce((sum, rows) => sum + rows.performances.length, 0),
    bookletText: texts.length,
  };
}
