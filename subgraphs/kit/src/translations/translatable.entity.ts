import { Locale } from '@citipart/schema';
import { Entity, Enum, type Opt, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { TimestampedEntity } from '../timestamped.entity';
import type { TranslatedTexts } from './translatable';

/**
 * A record with texts in several languages: the texts as written are the subclass's own
 * columns, in `originalLocale`, and `translations` holds the others by language
 * (./translatable.ts reads them). `Text` names the translatable fields. An object type only
 * so that `originalLocale` is inherited (TypeGraphQL takes fields from the direct parent's
 * type); no field returns it, so no subgraph's schema has it.
 */
@ObjectType()
@Entity({ abstract: true })
export abstract class TranslatableEntity<Text extends string> extends TimestampedEntity {
  @Field(() => Locale, { description: 'The language the texts were written in.' })
  @Enum({ items: () => Locale })
  originalLocale!: Locale;

  @Property({ type: 'json' })
  translations: TranslatedTexts<Text> & Opt = {};
}
