import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from './types';

type ClassType<T> = new (...args: never[]) => T;

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** The value every connection field resolves to. */
export interface Page<T> {
  totalCount: number;
  nodes: T[];
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/**
 * Declares `<Name>Connection` and `<Name>Edge` for a node type, in the one shape the
 * contract gives every list. Connections returned by several subgraphs are @shareable,
 * so call this once per node type, where that type is defined.
 */
export function connectionType<T>(name: string, nodeType: () => ClassType<T> | object): ClassType<Page<T>> {
  @ObjectType(`${name}Edge`)
  @Directive('@shareable')
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  @Directive('@shareable')
  class ConnectionType {
    @Field(() => Int, { description: 'How many items match, over all pages.' })
    totalCount!: number;

    @Field(() => [nodeType()])
    nodes!: T[];

    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}
