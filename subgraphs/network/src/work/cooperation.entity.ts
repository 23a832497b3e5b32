import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { type TranslatableField, translatableFieldsResolver, TranslatableEntity } from '@citipart/subgraph-kit';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * A cooperation some partners agreed to continue after the project, usually at the closing
 * meeting (API v3, the work). Its partners are in `cooperation_partner`, in the order the
 * admin gave them; `partners` and `agreedAt` are resolved in work.resolver.ts.
 */
@ObjectType({ description: 'Work that some partners agreed to continue together after the project.' })
@Entity({ tableName: 'cooperation' })
export class Cooperation extends TranslatableEntity<CooperationText> {
  @Field(() => ID)
  @PrimaryKey({ type: 'text' })
  id!: string;

  // The texts as written, in `originalLocale`; their GraphQL fields take a `locale`:
  // CooperationTextsResolver below.
  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  /** The meeting where it was agreed; null when unknown or when that meeting was deleted. */
  @Property({ type: 'text', nullable: true })
  agreedAtId?: string | null;

  @Field(() => Boolean, { description: 'True for sample data that is not a documented fact.' })
  @Property({ default: false })
  demo: boolean & Opt = false;

  @Field(() => Int, { description: 'Changes with every write; updates and deletes must name the current one.' })
  @Property({ default: 1 })
  version: number & Opt = 1;

  /** The create's idempotency key (unique; the admin's): a retried create returns this row. */
  @Property({ type: 'text', nullable: true })
  clientKey?: string | null;
}

/** One partner of a cooperation; `position` keeps the order the admin gave. */
@Entity({ tableName: 'cooperation_partner' })
@Index({ properties: ['partnerId'] })
export class CooperationPartner {
  @PrimaryKey({ type: 'text' })
  cooperationId!: string;

  @PrimaryKey({ type: 'text' })
  partnerId!: string;

  @Property({ type: 'integer' })
  position!: number;
}

/** The texts of a cooperation that people write in a language. */
export type CooperationText = 'title' | 'description';

export const COOPERATION_TEXTS: readonly TranslatableField<CooperationText>[] = [
  { name: 'title', nullable: false, description: 'What the partners agreed to do together.' },
  { name: 'description', nullable: true, description: 'How, in a few sentences.' },
];

export const CooperationTextsResolver = translatableFieldsResolver(Cooperation, COOPERATION_TEXTS);
