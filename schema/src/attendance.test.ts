import { type AttendanceCell, type AttendanceCount, suppressCells, suppressSums } from './attendance';
import { AgeBand, ParticipantCategory } from './enums';

// Small-cell suppression with adversarial tallies: what a reader who knows totals could work
// out. Through the gateway, over stored rows: test/work/attendance.postgres.test.ts.

const { CITIZEN, PARTNER_MEMBER, LOCAL_POLITICIAN, TEACHER, JOURNALIST, STUDENT } = ParticipantCategory;
const { UNDER_18, AGE_18_30, AGE_31_50, AGE_51_65, OVER_65 } = AgeBand;

const cell = (category: ParticipantCategory, ageBand: AgeBand, count: number, mustSuppress?: boolean) => ({
  category,
  ageBand,
  count,
  ...(mustSuppress ? { mustSuppress } : {}),
});
const shown = (category: ParticipantCategory, ageBand: AgeBand, count: number): AttendanceCount => ({
  category,
  ageBand,
  count,
  suppressed: false,
});
const hidden = (category: ParticipantCategory, ageBand: AgeBand): AttendanceCount => ({
  category,
  ageBand,
  count: null,
  suppressed: true,
});

/**
 * What every answer must satisfy: no count under 5 is shown, and where something is hidden
 * and something else is shown, at least two cells are hidden, their true sum is at least 5,
 * and at least one of them is not a small cell (so the hidden sum is not made of cells known
 * to lie between 1 and 4), so a reader who knows the total cannot single out a hidden cell.
 */
function expectSafe(cells: readonly AttendanceCell[], answer: readonly AttendanceCount[]): void {
  for (const item of answer) if (item.count !== null) expect(item.count).toBeGreaterThanOrEqual(5);
  const hiddenItems = answer.filter((item) => item.suppressed);
  if (hiddenItems.length === 0 || hiddenItems.length === answer.length) return;
  expect(hiddenItems.length).toBeGreaterThanOrEqual(2);
  const trueSum = hiddenItems.reduce(
    (sum, item) => sum + cells.find((c) => c.category === item.category && c.ageBand === item.ageBand)!.count,
    0,
  );
  expect(trueSum).toBeGreaterThanOrEqual(5);
  const open = hiddenItems.some(
    (item) => cells.find((c) => c.category === item.category && c.ageBand === item.ageBand)!.count >= 5,
  );
  expect(open).toBe(true);
}

test('nothing is hidden where every count is 5 or more; the order is category, then age band', () => {
  const cells = [cell(TEACHER, AGE_31_50, 6), cell(CITIZEN, OVER_65, 5), cell(CITIZEN, UNDER_18, 12)];
  expect(suppressCells(cells)).toEqual([
    shown(CITIZEN, UNDER_18, 12),
    shown(CITIZEN, OVER_65, 5),
    shown(TEACHER, AGE_31_50, 6),
  ]);
});

test('one cell of 3 in a list whose total is known: the 3 and the next smallest are hidden', () => {
  // Total 30: 30 - 12 - 8 - 7 would be the 3.
  const cells = [
    cell(CITIZEN, AGE_18_30, 12),
    cell(CITIZEN, AGE_31_50, 8),
    cell(TEACHER, AGE_31_50, 7),
    cell(JOURNALIST, AGE_51_65, 3),
  ];
  const answer = suppressCells(cells);
  expect(answer).toEqual([
    shown(CITIZEN, AGE_18_30, 12),
    shown(CITIZEN, AGE_31_50, 8),
    hidden(TEACHER, AGE_31_50),
    hidden(JOURNALIST, AGE_51_65),
  ]);
  expectSafe(cells, answer);
});

test('two cells of 1 and 2 (a known sum of 3 pins them down): a third is hidden', () => {
  const cells = [
    cell(CITIZEN, AGE_18_30, 20),
    cell(STUDENT, UNDER_18, 9),
    cell(LOCAL_POLITICIAN, AGE_51_65, 1),
    cell(JOURNALIST, AGE_31_50, 2),
  ];
  const answer = suppressCells(cells);
  expect(answer).toEqual([
    shown(CITIZEN, AGE_18_30, 20),
    hidden(LOCAL_POLITICIAN, AGE_51_65),
    hidden(JOURNALIST, AGE_31_50),
    hidden(STUDENT, UNDER_18),
  ]);
  expectSafe(cells, answer);
});

test('two small cells whose sum is 5 or more: still narrowed down by a total, so a shown cell is hidden too', () => {
  const cells = [cell(CITIZEN, AGE_18_30, 20), cell(TEACHER, AGE_31_50, 3), cell(JOURNALIST, AGE_31_50, 2)];
  expect(suppressCells(cells)).toEqual([
    hidden(CITIZEN, AGE_18_30),
    hidden(TEACHER, AGE_31_50),
    hidden(JOURNALIST, AGE_31_50),
  ]);
});

test('4, 4 and 20 with a known total of 28: the two 4s would be pinned (8 over two cells of at most 4)', () => {
  const cells = [
    cell(CITIZEN, UNDER_18, 4),
    cell(CITIZEN, AGE_18_30, 4),
    cell(CITIZEN, AGE_31_50, 20),
    cell(TEACHER, AGE_31_50, 30),
  ];
  const answer = suppressCells(cells);
  expect(answer).toEqual([
    hidden(CITIZEN, UNDER_18),
    hidden(CITIZEN, AGE_18_30),
    hidden(CITIZEN, AGE_31_50),
    shown(TEACHER, AGE_31_50, 30),
  ]);
  expectSafe(cells, answer);
});

test('the extra cell is the smallest shown; a tie goes to the first in the stable order', () => {
  const cells = [
    cell(TEACHER, AGE_31_50, 7),
    cell(CITIZEN, OVER_65, 7),
    cell(CITIZEN, AGE_18_30, 9),
    cell(STUDENT, UNDER_18, 4),
  ];
  expect(suppressCells(cells)).toEqual([
    shown(CITIZEN, AGE_18_30, 9),
    hidden(CITIZEN, OVER_65),
    shown(TEACHER, AGE_31_50, 7),
    hidden(STUDENT, UNDER_18),
  ]);
});

test('every cell under 5: all hidden, nothing more to do; no cells: an empty list', () => {
  const cells = [cell(CITIZEN, AGE_18_30, 1), cell(TEACHER, AGE_31_50, 2)];
  expect(suppressCells(cells)).toEqual([hidden(CITIZEN, AGE_18_30), hidden(TEACHER, AGE_31_50)]);
  expect(suppressCells([cell(CITIZEN, AGE_18_30, 4)])).toEqual([hidden(CITIZEN, AGE_18_30)]);
  expect(suppressCells([])).toEqual([]);
});

test('a count of 0 is nobody and is not listed; a cell listed twice is a fault', () => {
  expect(suppressCells([cell(CITIZEN, AGE_18_30, 0), cell(TEACHER, AGE_31_50, 9)])).toEqual([
    shown(TEACHER, AGE_31_50, 9),
  ]);
  expect(() => suppressCells([cell(CITIZEN, AGE_18_30, 9), cell(CITIZEN, AGE_18_30, 9)])).toThrow(/listed twice/);
});

test('a sum with a hidden contribution is hidden whatever its size, and a second one with it', () => {
  // Activity A hides (TEACHER, 31-50) = 3 and its next smallest; activity B shows
  // (TEACHER, 31-50) = 10. The partner's sum of 13 would give A's 3 away (13 - 10).
  const a = [cell(CITIZEN, AGE_18_30, 15), cell(CITIZEN, AGE_31_50, 6), cell(TEACHER, AGE_31_50, 3)];
  const b = [cell(CITIZEN, AGE_18_30, 12), cell(TEACHER, AGE_31_50, 10), cell(PARTNER_MEMBER, AGE_51_65, 8)];
  expect(suppressCells(a)).toEqual([
    shown(CITIZEN, AGE_18_30, 15),
    hidden(CITIZEN, AGE_31_50),
    hidden(TEACHER, AGE_31_50),
  ]);
  const sums = [
    cell(CITIZEN, AGE_18_30, 27),
    cell(CITIZEN, AGE_31_50, 6),
    cell(PARTNER_MEMBER, AGE_51_65, 8),
    cell(TEACHER, AGE_31_50, 13),
  ];
  const answer = suppressSums(sums, [a, b]);
  expect(answer).toEqual([
    shown(CITIZEN, AGE_18_30, 27),
    hidden(CITIZEN, AGE_31_50),
    shown(PARTNER_MEMBER, AGE_51_65, 8),
    hidden(TEACHER, AGE_31_50),
  ]);
  expectSafe(sums, answer);
});

test('a sum hidden only because of a contribution gets a second hidden cell at the sum level', () => {
  // One activity hides (JOURNALIST, 51-65) = 2 and its (CITIZEN, 31-50) = 5; another shows
  // (CITIZEN, 31-50) = 9 and (JOURNALIST, 51-65) = 6. Both sums are hidden by their
  // contributions, so the sum level already hides two with a true sum of 14 + 8.
  const a = [cell(CITIZEN, AGE_18_30, 20), cell(CITIZEN, AGE_31_50, 5), cell(JOURNALIST, AGE_51_65, 2)];
  const b = [cell(CITIZEN, AGE_31_50, 9), cell(JOURNALIST, AGE_51_65, 6)];
  const sums = [cell(CITIZEN, AGE_18_30, 20), cell(CITIZEN, AGE_31_50, 14), cell(JOURNALIST, AGE_51_65, 8)];
  const answer = suppressSums(sums, [a, b]);
  expect(answer).toEqual([shown(CITIZEN, AGE_18_30, 20), hidden(CITIZEN, AGE_31_50), hidden(JOURNALIST, AGE_51_65)]);
  expectSafe(sums, answer);
  // One list whose only hidden cells are one: a sum with that single hidden contribution and
  // everything else shown gets the smallest other sum hidden with it.
  const lone = [cell(TEACHER, OVER_65, 4)];
  const more = [cell(TEACHER, OVER_65, 30), cell(CITIZEN, AGE_18_30, 7), cell(STUDENT, UNDER_18, 11)];
  const loneSums = [cell(TEACHER, OVER_65, 34), cell(CITIZEN, AGE_18_30, 7), cell(STUDENT, UNDER_18, 11)];
  expect(suppressSums(loneSums, [lone, more])).toEqual([
    hidden(CITIZEN, AGE_18_30),
    hidden(TEACHER, OVER_65),
    shown(STUDENT, UNDER_18, 11),
  ]);
});

test('sums with hidden contributions are hidden; lists without anything hidden change nothing', () => {
  const sums = [cell(CITIZEN, AGE_18_30, 40), cell(JOURNALIST, OVER_65, 3), cell(TEACHER, AGE_51_65, 2)];
  const answer = suppressSums(sums, [
    [cell(JOURNALIST, OVER_65, 3), cell(TEACHER, AGE_51_65, 2), cell(CITIZEN, AGE_18_30, 40)],
  ]);
  // The list hides its 3 and 2, and its 40 with them (small cells alone would be narrowed
  // down by its total): so every sum has a hidden contribution.
  expect(answer).toEqual([hidden(CITIZEN, AGE_18_30), hidden(TEACHER, AGE_51_65), hidden(JOURNALIST, OVER_65)]);
  expect(suppressSums([cell(CITIZEN, AGE_18_30, 40)], [[cell(CITIZEN, AGE_18_30, 40)]])).toEqual([
    shown(CITIZEN, AGE_18_30, 40),
  ]);
  expect(suppressSums([], [])).toEqual([]);
});

test('random tallies: no answer ever shows a count under 5 or lets a hidden cell be singled out', () => {
  // A small deterministic generator, so that a failure can be replayed.
  let seed = 9;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const categories = Object.values(ParticipantCategory);
  const bands = Object.values(AgeBand);
  for (let round = 0; round < 500; round += 1) {
    const lists: AttendanceCell[][] = Array.from({ length: 1 + random(4) }, () => {
      const cells = new Map<string, AttendanceCell>();
      for (let i = 0; i < random(8); i += 1) {
        const c = cell(categories[random(categories.length)], bands[random(bands.length)], 1 + random(12));
        cells.set(`${c.category}/${c.ageBand}`, c);
      }
      return [...cells.values()];
    });
    for (const list of lists) expectSafe(list, suppressCells(list));
    const sums = new Map<string, AttendanceCell>();
    for (const c of lists.flat()) {
      const key = `${c.category}/${c.ageBand}`;
      sums.set(key, { ...c, count: (sums.get(key)?.count ?? 0) + c.count });
    }
    const answer = suppressSums([...sums.values()], lists);
    expectSafe([...sums.values()], answer);
    // Where a list hides a cell, the sum hides it too.
    for (const list of lists) {
      for (const item of suppressCells(list).filter((c) => c.suppressed)) {
        expect(answer.find((c) => c.category === item.category && c.ageBand === item.ageBand)!.suppressed).toBe(true);
      }
    }
  }
});
