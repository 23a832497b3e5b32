import type autocannon from 'autocannon';
import { WRITE_SCENARIO } from './scenarios';

/** What one S5 load saw, counted in the responses themselves. */
export interface WriteTally {
  /** Pairs done: a create answered with an id and version, then that id deleted. */
  pairs: number;
  /** Answers that were not that: an HTTP error, GraphQL errors, or no id. */
  bad: number;
  /** Ids created whose delete has not been answered (yet). */
  open: Set<string>;
}

interface PairContext {
  id?: string;
  version?: number;
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

function parse(status: number, body: string): Answer | undefined {
  if (status !== 200) return undefined;
  try {
    const answer = JSON.parse(body) as Answer;
    return answer.errors?.length ? undefined : answer;
  } catch {
    return undefined;
  }
}

const INPUT = { kind: 'DEBATE', theme: 'PEACE', title: WRITE_SCENARIO.title, startsOn: '2016-05-01' };

/**
 * autocannon's `requests` for S5: each connection sends a create, then the delete of what it
 * created, and starts over. `headers` is called for every request (a signed identity
 * header lives a minute). A create that fails is counted and its delete skipped.
 */
export function writeRequests(headers: () => Record<string, string>): {
  requests: autocannon.Request[];
  tally: WriteTally;
} {
  const tally: WriteTally = { pairs: 0, bad: 0, open: new Set() };
  const createBody = JSON.stringify({
    query: WRITE_SCENARIO.create,
    variables: { partnerId: WRITE_SCENARIO.partnerId, input: INPUT },
  });
  const requests: autocannon.Request[] = [
    {
      method: 'POST',
      setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...headers() }, body: createBody }),
      onResponse: (status, body, context) => {
        const created = parse(status, body)?.data?.createCityActivity as
          { id?: unknown; version?: unknown } | undefined;
        const pair = context as PairContext;
        if (typeof created?.id === 'string' && typeof created.version === 'number') {
          pair.id = created.id;
          pair.version = created.version;
          tally.open.add(created.id);
        } else {
          tally.bad += 1;
        }
      },
    },
    {
      method: 'POST',
      setupRequest: (request, context) => {
        const { id, version } = context as PairContext;
        // No id: the create failed. A falsy answer makes autocannon start the pair over.
        if (id === undefined) return undefined as unknown as autocannon.Request;
        return {
          ...request,
          headers: { ...request.headers, ...headers() },
          body: JSON.stringify({ query: WRITE_SCENARIO.remove, variables: { id, version } }),
        };
      },
      onResponse: (status, body, context) => {
        const { id } = context as PairContext;
        if (id !== undefined && parse(status, body)?.data?.deleteCityActivity === id) {
          tally.pairs += 1;
          tally.open.delete(id);
        } else {
          tally.bad += 1;
        }
      },
    },
  ];
  return { requests, tally };
}
