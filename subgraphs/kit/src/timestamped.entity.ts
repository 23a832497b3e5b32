import { Entity, type Opt, Property } from '@mikro-orm/core';

/** When a row was made and last changed: every table of the graph has both. */
@Entity({ abstract: true })
export abstract class TimestampedEntity {
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
