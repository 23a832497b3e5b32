/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type ActivityKind =
  | 'BOOKLET_TEXT'
  | 'DEBATE'
  | 'EXHIBITION'
  | 'FORUM_THEATRE'
  | 'OTHER'
  | 'STREET_SURVEY'
  | 'WORKSHOP';

/** The network's languages: Croatian, French, German, Polish and English. */
export type Locale =
  | 'DE'
  | 'EN'
  | 'FR'
  | 'HR'
  | 'PL';

/** The three fundamental values of the EU the network worked on. */
export type Theme =
  | 'PEACE'
  | 'SOLIDARITY'
  | 'TOLERANCE';

export type PartnerActivitiesQueryVariables = Exact<{
  partnerId: string | number;
  locale?: Locale | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PartnerActivitiesQuery = { partner:
    | { id: string, name: string, activities: { totalCount: number, nodes: Array<{ id: string, kind: ActivityKind, theme: Theme, title: string, description: string | null, startsOn: string, endsOn: string | null, town: string | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null }
    | { id: string, name: string, activities: { totalCount: number, nodes: Array<{ id: string, kind: ActivityKind, theme: Theme, title: string, description: string | null, startsOn: string, endsOn: string | null, town: string | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null }
    | { id: string, name: string, activities: { totalCount: number, nodes: Array<{ id: string, kind: ActivityKind, theme: Theme, title: string, description: string | null, startsOn: string, endsOn: string | null, town: string | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null }
    | { id: string, name: string, activities: { totalCount: number, nodes: Array<{ id: string, kind: ActivityKind, theme: Theme, title: string, description: string | null, startsOn: string, endsOn: string | null, town: string | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null }
   | null };


export const PartnerActivitiesDocument = {"__meta__":{"hash":"sha256:32556497ecff08a8436fdd153a05c03c53e0168bae8d2e66b8c02f0eb82f9f3a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerActivities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"partnerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"locale"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Locale"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partner"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"partnerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"activities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"theme"}},{"kind":"Field","name":{"kind":"Name","value":"title"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"locale"},"value":{"kind":"Variable","name":{"kind":"Name","value":"locale"}}}]},{"kind":"Field","name":{"kind":"Name","value":"description"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"locale"},"value":{"kind":"Variable","name":{"kind":"Name","value":"locale"}}}]},{"kind":"Field","name":{"kind":"Name","value":"startsOn"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}},{"kind":"Field","name":{"kind":"Name","value":"town"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PartnerActivitiesQuery, PartnerActivitiesQueryVariables>;