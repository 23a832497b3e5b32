import type { RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { insertRows } from '../writes/replace';
import { Performance, Play } from './play.entity';
import { Survey, SurveyOption, SurveyQuestion } from './survey.entity';

// The rows of one activity's work, as the writes (work.mutations.ts) and the seed
// (work.seed.ts) store them. Children's ids are their places, `<activity>-q2-o3`: a survey is
// replaced whole, so an id names a position in the activity's current work, the same in
// every language, and the built-in dataset's ids are stable.

export const questionId = (activityId: string, position: number) => `${activityId}-q${position}`;
export const optionId = (questionId: string, position: number) => `${questionId}-o${position}`;
export const performanceId = (activityId: string, position: number) => `${activityId}-p${position}`;

export interface SurveyRows {
  survey: RequiredEntityData<Survey>;
  questions: RequiredEntityData<SurveyQuestion>[];
  options: RequiredEntityData<SurveyOption>[];
}

export interface PlayRows {
  play: RequiredEntityData<Play>;
  performances: RequiredEntityData<Performance>[];
}

/** A survey's rows from its questions in order, each with its options in order. */
export function surveyRows<Q extends Omit<RequiredEntityData<SurveyQuestion>, 'id' | 'activityId' | 'position'>>(
  activityId: string,
  respondents: number,
  questions: readonly (Q & {
    options: readonly Omit<RequiredEntityData<SurveyOption>, 'id' | 'questionId' | 'position'>[];
  })[],
): SurveyRows {
  const rows: SurveyRows = { survey: { activityId, respondents }, questions: [], options: [] };
  questions.forEach(({ options, ...question }, index) => {
    const id = questionId(activityId, index + 1);
    rows.questions.push({ ...question, id, activityId, position: index + 1 });
    options.forEach((option, optionIndex) => {
      rows.options.push({ ...option, id: optionId(id, optionIndex + 1), questionId: id, position: optionIndex + 1 });
    });
  });
  return rows;
}

/** A play's rows, its performances in the order given. */
export function playRows(
  play: RequiredEntityData<Play>,
  performances: readonly Omit<RequiredEntityData<Performance>, 'id' | 'activityId' | 'position'>[],
): PlayRows {
  return {
    play,
    performances: performances.map((performance, index) => ({
      ...performance,
      id: performanceId(play.activityId, index + 1),
      activityId: play.activityId,
      position: index + 1,
    })),
  };
}

/** Inserts surveys with their questions and options, parents first. */
export async function insertSurveys(em: EntityManager, surveys: readonly SurveyRows[]): Promise<void> {
  await insertRows(
    em,
    Survey,
    surveys.map((rows) => rows.survey),
  );
  await insertRows(
    em,
    SurveyQuestion,
    surveys.flatMap((rows) => rows.questions),
  );
  await insertRows(
    em,
    SurveyOption,
    surveys.flatMap((rows) => rows.options),
  );
}

/** Inserts plays with their performances, parents first. */
export async function insertPlays(em: EntityManager, plays: readonly PlayRows[]): Promise<void> {
  await insertRows(
    em,
    Play,
    plays.map((rows) => rows.play),
  );
  await insertRows(
    em,
    Performance,
    plays.flatMap((rows) => rows.performances),
  );
}
