import type { GraphQLResponse } from './graph';

/** What must never reach a client: stack frames, SQL, internal addresses. */
const LEAKS = [
  /\bat .+:\d+:\d+/,
  /\.ts\b/,
  /\bselect\b|\binsert into\b|\bfrom "/i,
  /https?:\/\/(localhost|127\.|\[::1\])/,
  /ECONNREFUSED/,
];

export function expectNoLeaks(response: GraphQLResponse<unknown>): void {
  for (const error of response.errors ?? []) {
    const text = JSON.stringify(error);
    for (const pattern of LEAKS) expect(text).not.toMatch(pattern);
    // Only the code and the offending field: no serviceName, no response body, no exception.
    expect(Object.keys(error.extensions ?? {}).filter((key) => key !== 'code' && key !== 'field')).toEqual([]);
  }
}

/** The errors' codes, in order. */
export const codes = (response: GraphQLResponse<unknown>) =>
  (response.errors ?? []).map((error) => error.extensions?.code);
