import { ArgsType, Field, Int } from 'type-graphql';

/** `first`/`after` of every connection field; `first` is checked by `checkFirst`. */
@ArgsType()
export class PageArgs {
  // Nullable as in the contract (`first: Int = 50`); an explicit null means the default.
  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'How many items, 0 to 100.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the item after which the page starts.' })
  after?: string | null;
}
