import { BigIntType, Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { connectionType } from '@citipart/schema';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * One write, in the audit table of the subgraph that made it. It records who, when, what
 * and which fields; never the values, so that it holds no personal data of members.
 */
@ObjectType({ description: 'A write to the graph: who made it, when, and what it changed.' })
@Directive('@shareable')
@Entity({ tableName: 'audit' })
export class AuditEntry {
  @Field(() => ID)
  // As a string: a JavaScript BigInt cannot be serialised as a GraphQL ID.
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string & Opt;

  @Field(() => Date, { description: 'When the write was committed.' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date & Opt = new Date();

  @Field({ description: "The token's subject." })
  @Property({ type: 'text' })
  actor!: string;

  @Field({ description: 'NETWORK_ADMIN or PARTNER_EDITOR.' })
  @Property({ type: 'text' })
  role!: string;

  @Field({ description: 'The mutation, e.g. "createCityActivity".' })
  @Property({ type: 'text' })
  action!: string;

  @Field({ description: 'Activity, Member, Profile, Partner or Meeting.' })
  @Property({ type: 'text' })
  entityType!: string;

  @Field(() => ID)
  @Property({ type: 'text' })
  entityId!: string;

  @Field(() => String, { nullable: true, description: 'The partner whose data changed.' })
  @Property({ type: 'text', nullable: true })
  partnerId?: string | null;

  @Field(() => [String], { description: 'Names of the fields written.' })
  @Property({ type: 'json' })
  fields: string[] & Opt = [];
}

export const AuditConnection = connectionType('AuditEntry', () => AuditEntry);
