import type { EntityClass } from '@mikro-orm/core';
import { ActivityKind } from '@citipart/schema';
import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { canEditPartner } from '../auth/identity';
import type { SubgraphContext } from '../context';
import { loadGroup } from '../loaders';
import { Activity } from '../partner-type/activity.entity';
import { BookletText } from './booklet-text.entity';
import { NetworkQuestionReference } from './network-question.reference';
import { Performance, Play } from './play.entity';
import { Survey, SurveyOption, SurveyQuestion } from './survey.entity';

// Reading the work: every level is one statement per batch of parents (DataLoader, see
// ../loaders.ts), so a page of activities with their surveys, questions, options, plays,
// performances and texts costs one statement per table, however many activities it holds.
// Work of a kind that does not fit the activity is not asked for at all.

/** The one row of `entity` that belongs to the activity, or null. */
async function workOf<T extends { activityId: string }>(
  ctx: SubgraphContext,
  entity: EntityClass<T>,
  activityId: string,
): Promise<T | null> {
  const [row] = await loadGroup(ctx, entity, 'activityId', activityId, {});
  return row ?? null;
}

@Resolver(() => Activity)
export class ActivityWorkResolver {
  @FieldResolver(() => Survey, {
    nullable: true,
    description: "A STREET_SURVEY activity's results; null for other kinds and where none are recorded.",
  })
  survey(@Root() activity: Activity, @Ctx() ctx: SubgraphContext): Promise<Survey | null> | null {
    return activity.kind === ActivityKind.STREET_SURVEY ? workOf(ctx, Survey, activity.id) : null;
  }

  @FieldResolver(() => Play, {
    nullable: true,
    description: "A FORUM_THEATRE activity's play; null for other kinds and where none is recorded.",
  })
  play(@Root() activity: Activity, @Ctx() ctx: SubgraphContext): Promise<Play | null> | null {
    return activity.kind === ActivityKind.FORUM_THEATRE ? workOf(ctx, Play, activity.id) : null;
  }

  @FieldResolver(() => BookletText, {
    nullable: true,
    description:
      "A BOOKLET_TEXT activity's text; null for other kinds, where none is recorded, and where its author did not agree to publication (except for the partner's editors and the admin).",
  })
  async bookletText(@Root() activity: Activity, @Ctx() ctx: SubgraphContext): Promise<BookletText | null> {
    if (activity.kind !== ActivityKind.BOOKLET_TEXT) return null;
    const text = await workOf(ctx, BookletText, activity.id);
    // The whole text, not only the author's name: a text can name or identify its author.
    if (!text || (!text.authorConsent && !canEditPartner(ctx.identity, activity.partnerId))) return null;
    return text;
  }
}

@Resolver(() => Survey)
export class SurveyResolver {
  @FieldResolver(() => [SurveyQuestion], { description: "The survey's questions, in the order they were asked." })
  questions(
    @Root() survey: Survey,
    @Arg('networkQuestion', () => ID, {
      nullable: true,
      description:
        "Only the question that asks this question of the network's questionnaire: one question's answers across partners.",
    })
    networkQuestion: string | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SurveyQuestion[]> {
    const where = networkQuestion ? { networkQuestionId: networkQuestion } : {};
    return loadGroup(ctx, SurveyQuestion, 'activityId', survey.activityId, { position: 'asc' }, where);
  }
}

@Resolver(() => SurveyQuestion)
export class SurveyQuestionResolver {
  @FieldResolver(() => NetworkQuestionReference, {
    nullable: true,
    description: "The question of the network's common questionnaire that this one asks, if any.",
  })
  networkQuestion(@Root() question: SurveyQuestion): NetworkQuestionReference | null {
    return question.networkQuestionId ? { id: question.networkQuestionId } : null;
  }

  @FieldResolver(() => [SurveyOption], { description: 'The options, in the order they were offered.' })
  options(@Root() question: SurveyQuestion, @Ctx() ctx: SubgraphContext): Promise<SurveyOption[]> {
    return loadGroup(ctx, SurveyOption, 'questionId', question.id, { position: 'asc' });
  }
}

@Resolver(() => Play)
export class PlayResolver {
  @FieldResolver(() => [Performance], { description: 'The performances, by date.' })
  performances(@Root() play: Play, @Ctx() ctx: SubgraphContext): Promise<Performance[]> {
    return loadGroup(ctx, Performance, 'activityId', play.activityId, { performedOn: 'asc', position: 'asc' });
  }
}
