import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Theme } from './enums';

// The count by theme that both the partners' statistics (the partner-type subgraphs) and
// the network's (the network subgraph) return: @shareable and defined once.

@ObjectType({ description: 'How many of something there are on one theme.' })
@Directive('@shareable')
export class ThemeCount {
  @Field(() => Theme)
  theme!: Theme;

  @Field(() => Int)
  count!: number;
}
