import { Entity, Enum, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { AgeBand } from '@citipart/schema';
import { Directive, Field, ObjectType } from 'type-graphql';
import { type TranslatableField, translatableFieldsResolver } from '../translations/translatable';
import { TranslatableEntity } from '../translations/translatable.entity';

/**
 * The text of one BOOKLET_TEXT activity, for the network's booklet on peace. Its author is a
 * person: as for members (partner-type/member-privacy.ts), the text is public only with the
 * author's consent; without it only editors of the partner and the admin see it
 * (`Activity.bookletText`, work.resolver.ts).
 */
@ObjectType({
  description:
    "A text for the network's booklet on peace. Public only where its author agreed; otherwise only the partner's editors and the admin see it.",
})
@Directive('@shareable')
@Entity({ tableName: 'booklet_text' })
export class BookletText extends TranslatableEntity<BookletTextText> {
  /** The activity the text belongs to: one text per activity. */
  @PrimaryKey({ type: 'text' })
  activityId!: string;

  // The texts as written, in `originalLocale`; their GraphQL fields take a `locale`.
  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  body!: string;

  @Field(() => String, { nullable: true, description: "The author's public name; null for an anonymous author." })
  @Property({ type: 'text', nullable: true })
  authorName?: string | null;

  @Field(() => AgeBand, { nullable: true, description: "The author's age band, where it was recorded." })
  @Enum({ items: () => AgeBand, nullable: true })
  authorAgeBand?: AgeBand | null;

  /** Whether the author agreed to the text's publication (with their name, if one is given). */
  @Field(() => Boolean, {
    name: 'authorConsentToPublish',
    description: 'Whether the author agreed to publication; without it the text is not public.',
  })
  @Property({ default: false })
  authorConsent: boolean & Opt = false;
}

export type BookletTextText = 'title' | 'body';

export const BOOKLET_TEXT_TEXTS: readonly TranslatableField<BookletTextText>[] = [
  { name: 'title', nullable: false, description: "The text's title." },
  { name: 'body', nullable: false, description: 'The text itself.' },
];

export const BookletTextTextsResolver = translatableFieldsResolver(BookletText, BOOKLET_TEXT_TEXTS);
