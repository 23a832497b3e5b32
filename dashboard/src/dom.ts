/**
 * A small element builder. Text always goes in as text nodes, never as HTML, so nothing the
 * graph returns can become markup; and no `style` attribute is ever written (the gateway's
 * Content-Security-Policy allows style sheets from the dashboard's own origin only).
 */

type Child = Node | string | number | null | undefined | false | Child[];

export type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) child.forEach((item) => append(parent, item));
  else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    } else if (name === 'style') {
      throw new Error('no inline styles: use a class');
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

/** An HTML element: `h('a', { href: '#/' }, 'Overview')`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element. */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

/** Replaces everything inside `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let ids = 0;
/** A unique id for `aria-labelledby` and `for`. */
export function uid(prefix: string): string {
  ids += 1;
  return `${prefix}-${ids}`;
}
