import {
  DEFAULT_RESTART_POLICY,
  NO_HISTORY,
  type RestartDecision,
  type RestartHistory,
  type RestartPolicy,
  backoffDelay,
  decideRestart,
} from '../../scripts/supervisor';

// When `npm start` restarts a service that died, and when it gives up: the pure policy of
// scripts/supervisor.ts. The processes that carry it out are in supervisor.test.ts.

const policy: RestartPolicy = DEFAULT_RESTART_POLICY;

/** Feeds deaths through the policy in turn, as the supervisor does; the decisions in order. */
function replay(deaths: { readyForMs?: number }[], given: RestartPolicy = policy): RestartDecision[] {
  let history: RestartHistory = NO_HISTORY;
  return deaths.map((death) => {
    const decision = decideRestart(history, death, given);
    history = decision.history;
    return decision;
  });
}

const delays = (decisions: RestartDecision[]) =>
  decisions.map((decision) => (decision.action === 'restart' ? decision.delayMs : decision.action));

describe('the backoff', () => {
  test('starts at half a second and doubles up to 15 seconds, where it stays', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((attempt) => backoffDelay(attempt))).toEqual([
      500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000,
    ]);
  });

  test('stays at the cap however many attempts', () => {
    expect(backoffDelay(2000)).toBe(15_000);
  });

  test('follows the policy it is given', () => {
    const quick = { ...policy, firstDelayMs: 10, maxDelayMs: 50 };
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, quick))).toEqual([10, 20, 40, 50]);
  });

  test('has no attempt 0', () => {
    expect(() => backoffDelay(0)).toThrow(RangeError);
    expect(() => backoffDelay(1.5)).toThrow(RangeError);
  });
});

describe('a service that crashes after it was ready', () => {
  test('is restarted, each crash in a row waiting twice as long, and never given up on', () => {
    const decisions = replay(Array.from({ length: 10 }, () => ({ readyForMs: 1000 })));
    expect(decisions.every((decision) => decision.action === 'restart')).toBe(true);
    expect(decisions.map((decision) => (decision.action === 'restart' ? decision.attempt : 0))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(delays(decisions)).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000, 15_000]);
  });

  test('after staying up a while, crashes again as if for the first time', () => {
    const decisions = replay([
      { readyForMs: 100 },
      { readyForMs: 100 },
      { readyForMs: 100 },
      { readyForMs: policy.stableAfterMs },
      { readyForMs: 100 },
    ]);
    expect(delays(decisions)).toEqual([500, 1000, 2000, 500, 1000]);
  });

  test('just short of stable still counts as a crash in a row', () => {
    expect(delays(replay([{ readyForMs: 100 }, { readyForMs: policy.stableAfterMs - 1 }]))).toEqual([500, 1000]);
  });
});

describe('a service that keeps dying at start', () => {
  test('is restarted four times with backoff, and given up on at its fifth exit before becoming ready', () => {
    const decisions = replay(Array.from({ length: 5 }, () => ({})));
    expect(delays(decisions)).toEqual([500, 1000, 2000, 4000, 'give up']);
    expect(decisions.at(-1)).toMatchObject({ action: 'give up', failedStarts: 5 });
    expect(decisions.slice(0, 4).map((decision) => decision.history.failedStarts)).toEqual([1, 2, 3, 4]);
  });

  test('counts only failed starts in a row: becoming ready once clears the count', () => {
    const decisions = replay([{}, {}, {}, {}, { readyForMs: 10 }, {}, {}, {}, {}]);
    expect(decisions.every((decision) => decision.action === 'restart')).toBe(true);
    expect(decisions.map((decision) => decision.history.failedStarts)).toEqual([1, 2, 3, 4, 0, 1, 2, 3, 4]);
    // The backoff is not reset by a short stay: the row of restarts goes on.
    expect(delays(decisions).slice(4)).toEqual([8000, 15_000, 15_000, 15_000, 15_000]);
  });

  test('gives up after a stable run only when it then fails to start the full number of times', () => {
    const decisions = replay([{ readyForMs: policy.stableAfterMs }, {}, {}, {}, {}, {}]);
    expect(delays(decisions)).toEqual([500, 1000, 2000, 4000, 8000, 'give up']);
  });

  test('follows the number of tries of its policy', () => {
    expect(delays(replay([{}, {}], { ...policy, maxFailedStarts: 2 }))).toEqual([500, 'give up']);
    expect(delays(replay([{}], { ...policy, maxFailedStarts: 1 }))).toEqual(['give up']);
  });
});
