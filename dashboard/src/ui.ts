import type { ViewContext } from './context';
import { h, uid } from './dom';
import type { GraphQLErrorEntry } from './graphql';

/** Pieces every view uses: sections, tables, notices. */

/** A section with its heading, labelled by it (a landmark a screen reader can jump to). */
export function section(title: string, ...children: (Node | string | false | null | undefined)[]): HTMLElement {
  const id = uid('section');
  return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export interface Column<T> {
  header: string;
  cell(row: T): Node | string;
  numeric?: boolean;
  /** This column's cell heads its row (th scope="row"). */
  rowHeader?: boolean;
}

/**
 * A table of `rows`. With `stack`, a narrow screen shows each row as a block of labelled
 * lines instead of a table to scroll sideways.
 */
export function table<T>(
  caption: string,
  columns: Column<T>[],
  rows: T[],
  options: { hideCaption?: boolean; stack?: boolean } = {},
) {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: options.stack ? 'data-table stack' : 'data-table' },
      h('caption', { class: options.hideCaption ? 'visually-hidden' : '' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((column) => h('th', { scope: 'col', class: column.numeric ? 'num' : '' }, column.header)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            {},
            columns.map((column) =>
              column.rowHeader
                ? h('th', { scope: 'row' }, column.cell(row))
                : h('td', { class: column.numeric ? 'num' : '', 'data-label': column.header }, column.cell(row)),
            ),
          ),
        ),
      ),
    ),
  );
}

/** A list of terms and their values; entries without a value are left out. */
export function facts(entries: [string, Node | string | null | undefined][]): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    entries
      .filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))),
  );
}

export function notice(kind: 'info' | 'warning' | 'error' | 'success', ...children: (Node | string)[]): HTMLElement {
  return h('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : null }, ...children);
}

/** The errors that came beside the data: a part of the graph that did not answer. */
export function partialNotice(ctx: ViewContext, errors: GraphQLErrorEntry[]): HTMLElement | null {
  if (!errors.length) return null;
  const messages = [...new Set(errors.map((error) => error.message))].join(' ');
  return notice('warning', ctx.t('partial', { message: messages }));
}

export function sampleBadge(ctx: ViewContext): HTMLElement {
  return h('span', { class: 'badge', title: ctx.t('sampleDataHint') }, ctx.t('sampleData'));
}

export function link(ctx: ViewContext, hash: string, text: string): HTMLAnchorElement {
  return h('a', { href: ctx.href(hash) }, text);
}

/** An outside link (a partner's web site, a source): it leaves the dashboard, so it says so. */
export function externalLink(url: string, text?: string | null): HTMLElement {
  const safe = /^https?:\/\//i.test(url) ? url : null;
  if (!safe) return h('span', {}, text ?? url);
  return h('a', { href: safe, rel: 'noopener noreferrer external', class: 'external' }, text ?? url);
}

/** A message with one placeholder filled by a node (a link): `fill(ctx, 'hostedBy', 'host', a)`. */
export function fill(
  ctx: ViewContext,
  key: Parameters<ViewContext['t']>[0],
  name: string,
  node: Node,
): (Node | string)[] {
  const [before, after = ''] = ctx.t(key, { [name]: '\u0000' }).split('\u0000');
  return [before, node, after];
}
