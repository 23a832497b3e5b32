import { BookletText, BookletTextTextsResolver } from './booklet-text.entity';
import { Performance, PerformanceTextsResolver, Play, PlayTextsResolver } from './play.entity';
import {
  Survey,
  SurveyOption,
  SurveyOptionTextsResolver,
  SurveyQuestion,
  SurveyQuestionTextsResolver,
} from './survey.entity';
import { ActivityWorkResolver, PlayResolver, SurveyQuestionResolver, SurveyResolver } from './work.resolver';

// The work of activities, as a partner-type subgraph registers it
// (partner-type/partner-type.subgraph.ts); the mutations come with the others
// (partner-type/partner-type.mutations.ts).

export const WORK_ENTITIES = [Survey, SurveyQuestion, SurveyOption, Play, Performance, BookletText];

export const WORK_RESOLVERS = [
  ActivityWorkResolver,
  SurveyResolver,
  SurveyQuestionResolver,
  PlayResolver,
  SurveyQuestionTextsResolver,
  SurveyOptionTextsResolver,
  PlayTextsResolver,
  PerformanceTextsResolver,
  BookletTextTextsResolver,
];
