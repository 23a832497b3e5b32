import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';
import { AgeBand, ParticipantCategory } from './enums';

// Attendance by participant category and age band (API v3, "The work"), and the one place
// where small cells are suppressed. Every list of attendance the graph returns, an
// activity's, a meeting's, a partner's statistics and the network's, goes through
// `suppressCells`: the rule below exists once.
//
// The rule, and why it is enough:
//
// 1. Primary: a count under SMALLEST_SHOWN_COUNT (5) is never shown. A cell that sums
//    contributions (a partner's cell over its activities, the network's over its meetings)
//    is also hidden when any contribution was hidden in its own list ("must suppress"):
//    otherwise a reader would subtract the contributions shown elsewhere from the sum and
//    get the hidden one back (a differencing attack).
// 2. Secondary: a reader may know the list's total (an activity's participants, a meeting's,
//    or any sum the graph or the world gives). Total minus the shown cells is the sum of the
//    hidden ones. A cell hidden for being small is known to hold 1 to 4, so while every
//    hidden cell is such a cell, their known sum narrows them down, often to one value: one
//    cell is the sum itself; 1 and 2 with a sum of 3 are exactly {1, 2}; two cells with a sum
//    of 8 are 4 and 4. So then the smallest shown cell is hidden too (ties go to the first in
//    the stable order below): it is at least 5 and, as far as the reader knows, may be
//    anything up to the smallest count still shown (or without bound), which leaves the
//    hidden sum open. A hidden sum with a hidden contribution (below) is such an open cell
//    already. If no cell is left to hide, the whole list is hidden.
//    What remains: a reader who knows the exact total can still pin the hidden cells when
//    they all sit at the ends of what they may be (every small cell 4 and the extra one 5,
//    say). Closing that needs wider protection ranges than one extra cell gives (interval
//    protection, by linear programming); attendance is sample data today.
//
// Why the sums need no more than that: every hidden cell of a lower list (an activity's)
// makes its summed cell hidden, so the hidden cells of a sum hold every hidden contribution,
// and what a reader learns from a sum's total (the sum of its hidden cells) is the sum of the
// lower lists' hidden sums plus contributions shown there: nothing that the lower lists'
// own totals did not already give. The secondary rule still runs on the sums, for readers
// who know only the sum's total. Tests: attendance.test.ts beside this file, and through
// the gateway test/work/attendance.postgres.test.ts.

/** The smallest count the graph shows: anything under it is suppressed. */
export const SMALLEST_SHOWN_COUNT = 5;

/** The largest count one cell may hold (a typing slip, not a crowd). */
export const MAX_ATTENDANCE_COUNT = 100_000;

/** The stable order of cells: category in enum order, then age band in enum order. */
export const PARTICIPANT_CATEGORIES: readonly ParticipantCategory[] = Object.values(ParticipantCategory);
export const AGE_BANDS: readonly AgeBand[] = Object.values(AgeBand);

@ObjectType({
  description:
    'How many people of one category and age band came. A count under 5 is never shown, nor is a count that would ' +
    'let a reader work one out from a total: then count is null and suppressed is true.',
})
@Directive('@shareable')
export class AttendanceCount {
  @Field(() => ParticipantCategory)
  category!: ParticipantCategory;

  @Field(() => AgeBand)
  ageBand!: AgeBand;

  @Field(() => Int, { nullable: true, description: 'Null where suppressed.' })
  count!: number | null;

  @Field({ description: 'True where the count is withheld to protect small numbers of people.' })
  suppressed!: boolean;
}

@InputType({ description: 'How many people of one category and age band came; 0 records nobody.' })
export class AttendanceCountInput {
  @Field(() => ParticipantCategory)
  category!: ParticipantCategory;

  @Field(() => AgeBand)
  ageBand!: AgeBand;

  @Field(() => Int)
  count!: number;
}

/** One stored cell (or one summed over several lists), with its true count. */
export interface AttendanceCell {
  category: ParticipantCategory;
  ageBand: AgeBand;
  count: number;
  /** For a sum: some contribution to it was suppressed in its own list, so the sum must be too. */
  mustSuppress?: boolean;
}

const cellKey = (cell: Pick<AttendanceCell, 'category' | 'ageBand'>) => `${cell.category}/${cell.ageBand}`;

/** Orders cells by category, then age band, each in its enum's order. */
export function compareCells(
  a: Pick<AttendanceCell, 'category' | 'ageBand'>,
  b: Pick<AttendanceCell, 'category' | 'ageBand'>,
): number {
  return (
    PARTICIPANT_CATEGORIES.indexOf(a.category) - PARTICIPANT_CATEGORIES.indexOf(b.category) ||
    AGE_BANDS.indexOf(a.ageBand) - AGE_BANDS.indexOf(b.ageBand)
  );
}

/**
 * The cells of one list as the graph shows them, in the stable order, with the primary and
 * secondary rules above applied. Cells of count 0 are not people and are left out. A cell
 * listed twice is a fault of the caller (stored cells have a primary key; sums are grouped).
 */
export function suppressCells(cells: readonly AttendanceCell[]): AttendanceCount[] {
  const seen = new Set<string>();
  const sorted = cells
    .filter((cell) => cell.count > 0)
    .map((cell) => {
      if (seen.has(cellKey(cell))) throw new Error(`Attendance cell ${cellKey(cell)} is listed twice`);
      seen.add(cellKey(cell));
      return cell;
    })
    .sort(compareCells);
  // Primary: small counts, and sums with a hidden contribution.
  const hidden = sorted.map((cell) => cell.count < SMALLEST_SHOWN_COUNT || cell.mustSuppress === true);
  const hiddenCells = sorted.filter((_, index) => hidden[index]);
  const hiddenSum = hiddenCells.reduce((sum, cell) => sum + cell.count, 0);
  // Secondary: while every hidden cell is a small one (1 to 4), a known total narrows them down.
  const onlySmallHidden = hiddenCells.every((cell) => cell.count < SMALLEST_SHOWN_COUNT && !cell.mustSuppress);
  if (hiddenCells.length > 0 && (onlySmallHidden || hiddenCells.length === 1 || hiddenSum < SMALLEST_SHOWN_COUNT)) {
    let smallest = -1;
    sorted.forEach((cell, index) => {
      if (!hidden[index] && (smallest < 0 || cell.count < sorted[smallest].count)) smallest = index;
    });
    if (smallest >= 0) hidden[smallest] = true;
  }
  return sorted.map((cell, index) => ({
    category: cell.category,
    ageBand: cell.ageBand,
    count: hidden[index] ? null : cell.count,
    suppressed: hidden[index],
  }));
}

/**
 * Attendance summed over several lists (a partner's activities, the network's meetings):
 * `sums` are the summed cells (from SQL, one per category and age band), `lists` the cells
 * of every list that has something hidden of its own (those without a cell under
 * SMALLEST_SHOWN_COUNT hide nothing and may be left out). Each list is suppressed on its own,
 * a sum with a hidden contribution must be suppressed, and then the sums are suppressed like
 * any list.
 */
export function suppressSums(
  sums: readonly AttendanceCell[],
  lists: Iterable<readonly AttendanceCell[]>,
): AttendanceCount[] {
  const hiddenSomewhere = new Set<string>();
  for (const list of lists) {
    for (const cell of suppressCells(list)) if (cell.suppressed) hiddenSomewhere.add(cellKey(cell));
  }
  return suppressCells(sums.map((sum) => ({ ...sum, mustSuppress: hiddenSomewhere.has(cellKey(sum)) })));
}
