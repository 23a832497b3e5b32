import type { ViewContext } from '../context';
import { h } from '../dom';
import { number } from '../format';

export interface AttendanceCount {
  category: string;
  ageBand: string;
  count: number | null;
  suppressed: boolean;
}

const CATEGORIES = ['CITIZEN', 'PARTNER_MEMBER', 'LOCAL_POLITICIAN', 'TEACHER', 'JOURNALIST', 'STUDENT', 'OTHER'];
const AGE_BANDS = ['UNDER_18', 'AGE_18_30', 'AGE_31_50', 'AGE_51_65', 'OVER_65', 'UNKNOWN'];

/**
 * Attendance as a table of categories by age band. A suppressed cell says "suppressed" in
 * words (the graph withholds counts under 5, and counts a total would give away); a cell the
 * graph does not list is empty.
 */
export function attendanceTable(
  ctx: ViewContext,
  caption: string,
  cells: AttendanceCount[],
  captionHidden = false,
): HTMLElement {
  if (!cells.length) return h('p', { class: 'muted' }, ctx.t('attendanceNone'));
  const categories = CATEGORIES.filter((category) => cells.some((cell) => cell.category === category));
  const bands = AGE_BANDS.filter((band) => cells.some((cell) => cell.ageBand === band));
  const cellOf = (category: string, band: string) =>
    cells.find((cell) => cell.category === category && cell.ageBand === band);
  return h(
    'div',
    {},
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'data-table attendance' },
        h('caption', { class: captionHidden ? 'visually-hidden' : null }, caption),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, `${ctx.t('colCategory')} \\ ${ctx.t('colAgeBand')}`),
            bands.map((band) => h('th', { scope: 'col', class: 'num' }, ctx.enumLabel('ageBand', band))),
          ),
        ),
        h(
          'tbody',
          {},
          categories.map((category) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, ctx.enumLabel('category', category)),
              bands.map((band) => {
                const cell = cellOf(category, band);
                if (!cell) return h('td', { class: 'num' }, '');
                if (cell.suppressed || cell.count === null)
                  return h('td', { class: 'num suppressed' }, ctx.t('suppressed'));
                return h('td', { class: 'num' }, number(ctx.lang, cell.count));
              }),
            ),
          ),
        ),
      ),
    ),
    h('p', { class: 'muted small' }, ctx.t('attendanceNote')),
  );
}
