import { type SubgraphContext } from '@citipart/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { loadMeeting } from '../loaders';
import { Meeting } from '../meeting.entity';
import { NetworkInfo } from '../network.entity';
import { Partner } from '../partner.entity';
import { Conclusion } from './conclusion.entity';
import { Cooperation } from './cooperation.entity';
import { NetworkQuestion } from './network-question.entity';
import { loadConclusions, loadCooperationPartners, loadCooperations, loadQuestionnaire } from './work.loaders';

// The fields the network's work adds to the network and its meetings (API v3), and the
// cooperations' links to the roster and the meetings. Texts: the *TextsResolver classes
// beside each entity.

@Resolver(() => NetworkInfo)
export class NetworkWorkResolver {
  @FieldResolver(() => [NetworkQuestion], {
    description: "The network's common questionnaire, in order; partners' survey questions point at its questions.",
  })
  questionnaire(@Ctx() ctx: SubgraphContext): Promise<NetworkQuestion[]> {
    return loadQuestionnaire(ctx);
  }

  @FieldResolver(() => [Cooperation], {
    description: 'Cooperations continued after the project, agreed at the closing meeting; in the order recorded.',
  })
  cooperations(@Ctx() ctx: SubgraphContext): Promise<Cooperation[]> {
    return loadCooperations(ctx);
  }
}

@Resolver(() => Meeting)
export class MeetingWorkResolver {
  @FieldResolver(() => [Conclusion], {
    description: 'What citizens and politicians identified together, in the order recorded.',
  })
  conclusions(@Root() meeting: Meeting, @Ctx() ctx: SubgraphContext): Promise<Conclusion[]> {
    return loadConclusions(ctx, meeting.id);
  }
}

@Resolver(() => Cooperation)
export class CooperationResolver {
  @FieldResolver(() => [Partner], { description: 'The partners that cooperate, at least two.' })
  partners(@Root() cooperation: Cooperation, @Ctx() ctx: SubgraphContext): Promise<Partner[]> {
    return loadCooperationPartners(ctx, cooperation.id);
  }

  @FieldResolver(() => Meeting, { nullable: true, description: 'The meeting where it was agreed, where known.' })
  agreedAt(@Root() cooperation: Cooperation, @Ctx() ctx: SubgraphContext): Promise<Meeting | null> | null {
    return cooperation.agreedAtId ? loadMeeting(ctx, cooperation.agreedAtId) : null;
  }
}
