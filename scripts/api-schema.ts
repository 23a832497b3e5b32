import { Supergraph } from '@apollo/federation-internals';
import { diff, type Change, CriticalityLevel } from '@graphql-inspector/core';
import { buildSchema, printSchema } from 'graphql';

/**
 * The public API schema of a supergraph: what clients see through the gateway, without the
 * federation's join directives and internal types. `npm run compose` writes it to
 * schema/api.graphql, the file partner web sites generate their clients from.
 */
export function apiSchemaSdl(supergraphSdl: string): string {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return `${printSchema(api).trim()}\n`;
}

/** A version number of the public API, from a heading of CHANGELOG.md (`## 3.0.0`). */
export interface ApiVersion {
  major: number;
  minor: number;
  patch: number;
  text: string;
}

export function parseVersion(text: string): ApiVersion | null {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  return match
    ? { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), text: text.trim() }
    : null;
}

/** The versions CHANGELOG.md names in its `## x.y.z` headings, newest (first) first. */
export function changelogVersions(changelog: string): ApiVersion[] {
  return [...changelog.matchAll(/^## (\d+\.\d+\.\d+)\b/gm)].map((match) => parseVersion(match[1]!)!);
}

export interface Compatibility {
  breaking: Change[];
  /** Whether the changes are allowed: none breaking, or a new major version recorded. */
  allowed: boolean;
}

/**
 * Compares the API schema with the last released one (graphql-inspector's criticality
 * rules). A breaking change is allowed only when the changelog's newest version is a new
 * major version above the released one: clients pinned to the old major are told.
 */
export async function checkCompatibility(
  released: { sdl: string; version: ApiVersion },
  current: { sdl: string; version: ApiVersion },
): Promise<Compatibility> {
  const changes = await diff(buildSchema(released.sdl), buildSchema(current.sdl));
  const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  return { breaking, allowed: breaking.length === 0 || current.version.major > released.version.major };
}
