import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ActivityKind,
  type AgeBand,
  type Locale,
  type ParticipantCount,
  WORK_LIMITS,
  userInputError,
} from '@citipart/schema';
import { Args, type ClassType, Ctx, Mutation, Resolver } from 'type-graphql';
import { type SignedIn, requirePartnerEditor } from '../auth/identity';
import { Activity } from '../partner-type/activity.entity';
import type { PartnerTypeContext } from '../partner-type/partner-profile.resolver';
import { type FieldRules, columnsOf } from '../writes/records';
import { type WorkParent, replaceRows, replaceWork } from '../writes/replace';
import * as check from '../writes/validate';
import { BookletText } from './booklet-text.entity';
import { Play } from './play.entity';
import { Survey } from './survey.entity';
import {
  type BookletTextInput,
  type PerformanceInput,
  type PlayInput,
  SetBookletTextArgs,
  SetPlayArgs,
  SetSurveyArgs,
  type SurveyInput,
  type SurveyOptionInput,
  type SurveyQuestionInput,
} from './work.input';
import { insertPlays, insertSurveys, playRows, surveyRows } from './work.rows';

// The writes of an activity's work (API v3): `set{T}ActivitySurvey`, `…Play` and
// `…BookletText` replace the activity's whole survey, play or text at the activity's
// version, through the shared helper (writes/replace.ts): the owner's editors or the admin,
// CONFLICT on a stale version, a new version, an audit entry, one transaction.

/**
 * The most a survey, a question, a play may hold: well above a street survey's, below abuse.
 * The list bounds are the schema's (schema/src/list-bounds.ts), which the query cost counts.
 */
const LIMITS = {
  questions: WORK_LIMITS.questions,
  options: WORK_LIMITS.options,
  respondents: 100_000,
  performances: WORK_LIMITS.performances,
  interventions: 100_000,
  bodyLength: 10_000,
} as const;

/** No performance of the network's plays was before its first year (the project began in September 2015). */
export const EARLIEST_PERFORMANCE = '2015-01-01';

interface ValidOption {
  text: string;
  count: number;
}

interface ValidQuestion {
  text: string;
  networkQuestionId: string | null;
  options: ValidOption[];
}

interface ValidSurvey {
  respondents: number;
  questions: ValidQuestion[];
  locale?: Locale;
}

interface ValidPerformance {
  performedOn: string;
  town: string;
  venue: string | null;
  audience: ParticipantCount | null;
  interventions: number | null;
  notes: string | null;
}

interface ValidPlay {
  title: string;
  synopsis: string | null;
  performances: ValidPerformance[];
  locale?: Locale;
}

interface ValidBookletText {
  title: string;
  body: string;
  authorName: string | null;
  authorAgeBand: AgeBand | null;
  authorConsent: boolean;
  locale?: Locale;
}

/** A list of `min` to `max` items, each checked by `item` under `<field>[<index>]`. */
function listOf<I, V>(
  value: readonly I[] | null,
  field: string,
  bounds: { min: number; max: number; what: string },
  item: (value: I, field: string) => V,
): V[] {
  const list = check.required(value, field);
  if (list.length < bounds.min) {
    throw userInputError(`"${field}" must have at least ${bounds.min} ${bounds.what}; got ${list.length}.`, field);
  }
  if (list.length > bounds.max) {
    throw userInputError(`"${field}" may have at most ${bounds.max} ${bounds.what}; got ${list.length}.`, field);
  }
  return list.map((entry, index) => item(entry, `${field}[${index}]`));
}

/** A text of several lines that must not be empty (a booklet text's body). */
function longText(value: string | null, field: string, max: number): string {
  const text = check.optionalLongText(check.required(value, field), field, max);
  if (!text) throw userInputError(`"${field}" must not be empty.`, field);
  return text;
}

/** A language given, or none (then the partner's: `withLocale`). */
const localeRule = (value: Locale | null) => (value ? { locale: value } : {});

// Each input goes through its fields' rules (`columnsOf`, as every record's input does:
// a field without a rule does not compile, an unknown one is refused). The values spread
// before the rules' columns only complete the type: GraphQL's non-null fields always arrive,
// so their rules always run.

const OPTION_FIELDS: FieldRules<SurveyOptionInput, ValidOption> = {
  text: (value, field) => ({ text: check.text(check.required(value, field), field) }),
  count: (value, field) => ({
    count: check.intInRange(check.required(value, field), field, 0, LIMITS.respondents),
  }),
};

const QUESTION_FIELDS: FieldRules<SurveyQuestionInput, ValidQuestion> = {
  text: (value, field) => ({ text: check.text(check.required(value, field), field, 300) }),
  networkQuestion: (value, field) => ({ networkQuestionId: value ? check.slug(value, field) : null }),
  options: (value, field) => ({
    options: listOf(value, field, { min: 2, max: LIMITS.options, what: 'options' }, (option, at) => ({
      text: '',
      count: 0,
      ...columnsOf(OPTION_FIELDS, option, at),
    })),
  }),
};

const SURVEY_FIELDS: FieldRules<SurveyInput, ValidSurvey> = {
  respondents: (value, field) => ({
    respondents: check.intInRange(check.required(value, field), field, 0, LIMITS.respondents),
  }),
  questions: (value, field) => ({
    questions: listOf(value, field, { min: 1, max: LIMITS.questions, what: 'questions' }, (question, at) => ({
      text: '',
      networkQuestionId: null,
      options: [],
      ...columnsOf(QUESTION_FIELDS, question, at),
    })),
  }),
  locale: localeRule,
};

/**
 * A survey as stored: its fields' rules, then the tallies against the respondents. The
 * questions are single-choice (the API has no multiple-choice flag, and a street survey's
 * tally sheet counts one answer per person and question), so no option's count, nor the sum
 * of a question's counts, may exceed the respondents; what is short of them gave no answer.
 * A network question is asked once per survey, so that comparisons find one answer each.
 */
export function validSurvey(input: SurveyInput, argument: string): ValidSurvey {
  const survey: ValidSurvey = { respondents: 0, questions: [], ...columnsOf(SURVEY_FIELDS, input, argument) };
  const asked = new Map<string, number>();
  survey.questions.forEach((question, index) => {
    const field = `${argument}.questions[${index}]`;
    question.options.forEach((option, optionIndex) => {
      if (option.count > survey.respondents) {
        const at = `${field}.options[${optionIndex}].count`;
        throw userInputError(
          `"${at}" is ${option.count}, more than the ${survey.respondents} respondents of the survey.`,
          at,
        );
      }
    });
    const total = question.options.reduce((sum, option) => sum + option.count, 0);
    if (total > survey.respondents) {
      throw userInputError(
        `"${field}.options": the counts add up to ${total}, more than the ${survey.respondents} respondents; each respondent gives one answer at most.`,
        `${field}.options`,
      );
    }
    if (question.networkQuestionId) {
      const earlier = asked.get(question.networkQuestionId);
      if (earlier !== undefined) {
        throw userInputError(
          `"${field}.networkQuestion": "${question.networkQuestionId}" is asked by question ${earlier} already.`,
          `${field}.networkQuestion`,
        );
      }
      asked.set(question.networkQuestionId, index);
    }
  });
  return survey;
}

const PERFORMANCE_FIELDS: FieldRules<PerformanceInput, ValidPerformance> = {
  on: (value, field) => {
    const on = check.plausibleDate(check.required(value, field), field);
    if (on < EARLIEST_PERFORMANCE) {
      throw userInputError(`"${field}" must not be before ${EARLIEST_PERFORMANCE}; got ${on}.`, field);
    }
    return { performedOn: on };
  },
  town: (value, field) => ({ town: check.text(check.required(value, field), field, 100) }),
  venue: (value, field) => ({ venue: check.optionalText(value, field) }),
  audience: (value, field) => ({ audience: check.participants(value, field) }),
  interventions: (value, field) => ({
    interventions: value === null ? null : check.intInRange(value, field, 0, LIMITS.interventions),
  }),
  notes: (value, field) => ({ notes: check.optionalLongText(value, field) }),
};

const PLAY_FIELDS: FieldRules<PlayInput, ValidPlay> = {
  title: (value, field) => ({ title: check.text(check.required(value, field), field) }),
  synopsis: (value, field) => ({ synopsis: check.optionalLongText(value, field) }),
  performances: (value, field) => ({
    performances: listOf(
      value,
      field,
      { min: 0, max: LIMITS.performances, what: 'performances' },
      (performance, at) => ({
        performedOn: '',
        town: '',
        venue: null,
        audience: null,
        interventions: null,
        notes: null,
        ...columnsOf(PERFORMANCE_FIELDS, performance, at),
      }),
    ),
  }),
  locale: localeRule,
};

export function validPlay(input: PlayInput, argument: string): ValidPlay {
  return { title: '', synopsis: null, performances: [], ...columnsOf(PLAY_FIELDS, input, argument) };
}

const BOOKLET_TEXT_FIELDS: FieldRules<BookletTextInput, ValidBookletText> = {
  title: (value, field) => ({ title: check.text(check.required(value, field), field) }),
  body: (value, field) => ({ body: longText(value, field, LIMITS.bodyLength) }),
  authorName: (value, field) => ({ authorName: check.optionalText(value, field, 100) }),
  authorAgeBand: (value) => ({ authorAgeBand: value }),
  // Left out: no consent, so the text stays private (the safe default, as for members).
  authorConsentToPublish: (value) => ({ authorConsent: value ?? false }),
  locale: localeRule,
};

export function validBookletText(input: BookletTextInput, argument: string): ValidBookletText {
  return {
    title: '',
    body: '',
    authorName: null,
    authorAgeBand: null,
    authorConsent: false,
    ...columnsOf(BOOKLET_TEXT_FIELDS, input, argument),
  };
}

/** The activity whose work is replaced: its partner's editors and the admin may. */
const ACTIVITY: WorkParent<Activity> = {
  entity: Activity,
  entityType: 'Activity',
  authorize: (identity: SignedIn, activity) => requirePartnerEditor(identity, activity.partnerId),
  partnerOf: (activity) => activity.partnerId,
};

/** The kind of activity each kind of work belongs to, and its name in messages. */
const WORK_KIND = {
  survey: { kind: ActivityKind.STREET_SURVEY, what: 'a survey' },
  play: { kind: ActivityKind.FORUM_THEATRE, what: 'a play' },
  text: { kind: ActivityKind.BOOKLET_TEXT, what: 'a booklet text' },
} as const;

/**
 * Refuses work on an activity of another kind (`"id"`: the activity named is the mistake),
 * and gives work without a locale the partner's language.
 */
async function fitActivity<V extends { locale?: Locale }>(
  ctx: PartnerTypeContext,
  em: EntityManager,
  activity: Activity,
  work: V,
  argument: keyof typeof WORK_KIND,
): Promise<V & { locale: Locale }> {
  const { kind, what } = WORK_KIND[argument];
  if (activity.kind !== kind) {
    throw userInputError(
      `"id": activity "${activity.id}" is a ${activity.kind} activity; ${what} belongs to a ${kind} activity.`,
      'id',
    );
  }
  if (work.locale) return { ...work, locale: work.locale };
  const partner = await em.findOne(ctx.profileEntity, { id: activity.partnerId });
  if (!partner?.locale) {
    throw userInputError(
      `"${argument}.locale": no language is recorded for partner "${activity.partnerId}": say which language the texts are in.`,
      `${argument}.locale`,
    );
  }
  return { ...work, locale: partner.locale };
}

/**
 * Refuses to change the kind of an activity that has work recorded: the work would no
 * longer fit it, and would silently disappear from reads (`Activity.survey` answers only for
 * a STREET_SURVEY). Called by the activity's update (partner-type.mutations.ts).
 */
export async function refuseKindChangeWithWork(
  em: EntityManager,
  stored: Activity,
  kind: ActivityKind | null | undefined,
  field: string,
): Promise<void> {
  if (!kind || kind === stored.kind) return;
  const recorded =
    stored.kind === ActivityKind.STREET_SURVEY
      ? { what: 'a survey', rows: await em.count(Survey, { activityId: stored.id }) }
      : stored.kind === ActivityKind.FORUM_THEATRE
        ? { what: 'a play', rows: await em.count(Play, { activityId: stored.id }) }
        : stored.kind === ActivityKind.BOOKLET_TEXT
          ? { what: 'a booklet text', rows: await em.count(BookletText, { activityId: stored.id }) }
          : { what: '', rows: 0 };
  if (!recorded.rows) return;
  throw userInputError(
    `"${field}": activity "${stored.id}" has ${recorded.what}, which belongs to a ${stored.kind} activity; its kind cannot change.`,
    field,
  );
}

/**
 * The work's mutations of one partner-type subgraph, named after its type
 * (`setCityActivitySurvey`, ...): one implementation generates all four sets, as
 * partner-type.mutations.ts does for the rest.
 */
export function createWorkMutations(typeName: string): ClassType {
  @Resolver()
  class WorkMutations {
    @Mutation(() => Activity, {
      name: `set${typeName}ActivitySurvey`,
      description:
        "Replaces a STREET_SURVEY activity's survey, at the activity's version; returns the activity at its new version.",
    })
    setSurvey(@Args() { id, version, survey }: SetSurveyArgs, @Ctx() ctx: PartnerTypeContext): Promise<Activity> {
      return replaceWork(ctx, ACTIVITY, {
        action: `set${typeName}ActivitySurvey`,
        id,
        version,
        argument: 'survey',
        validate: () => validSurvey(survey, 'survey'),
        check: (em, activity, work) => fitActivity(ctx, em, activity, work, 'survey'),
        replace: async (em, activity, work) => {
          // The survey's questions and options go with it (on delete cascade).
          await em.nativeDelete(Survey, { activityId: activity.id });
          const texts = { originalLocale: work.locale, translations: {} };
          const questions = work.questions.map((question) => ({
            text: question.text,
            networkQuestionId: question.networkQuestionId,
            ...texts,
            options: question.options.map((option) => ({ ...option, ...texts })),
          }));
          await insertSurveys(em, [surveyRows(activity.id, work.respondents, questions)]);
        },
      });
    }

    @Mutation(() => Activity, {
      name: `set${typeName}ActivityPlay`,
      description:
        "Replaces a FORUM_THEATRE activity's play and its performances, at the activity's version; returns the activity at its new version.",
    })
    setPlay(@Args() { id, version, play }: SetPlayArgs, @Ctx() ctx: PartnerTypeContext): Promise<Activity> {
      return replaceWork(ctx, ACTIVITY, {
        action: `set${typeName}ActivityPlay`,
        id,
        version,
        argument: 'play',
        validate: () => validPlay(play, 'play'),
        check: (em, activity, work) => fitActivity(ctx, em, activity, work, 'play'),
        replace: async (em, activity, work) => {
          // The play's performances go with it (on delete cascade).
          await em.nativeDelete(Play, { activityId: activity.id });
          const texts = { originalLocale: work.locale, translations: {} };
          const stored = { activityId: activity.id, title: work.title, synopsis: work.synopsis, ...texts };
          const performances = work.performances.map((performance) => ({ ...performance, ...texts }));
          await insertPlays(em, [playRows(stored, performances)]);
        },
      });
    }

    @Mutation(() => Activity, {
      name: `set${typeName}ActivityBookletText`,
      description:
        "Replaces a BOOKLET_TEXT activity's text, at the activity's version; returns the activity at its new version.",
    })
    setBookletText(
      @Args() { id, version, text }: SetBookletTextArgs,
      @Ctx() ctx: PartnerTypeContext,
    ): Promise<Activity> {
      return replaceWork(ctx, ACTIVITY, {
        action: `set${typeName}ActivityBookletText`,
        id,
        version,
        argument: 'text',
        validate: () => validBookletText(text, 'text'),
        check: (em, activity, work) => fitActivity(ctx, em, activity, work, 'text'),
        replace: async (em, activity, { locale, ...work }) => {
          const row = { ...work, activityId: activity.id, originalLocale: locale, translations: {} };
          await replaceRows(em, BookletText, { activityId: activity.id }, [row]);
        },
      });
    }
  }
  return WorkMutations;
}
