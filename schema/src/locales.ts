import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Locale } from './enums';

/**
 * The languages a client may ask for, in the order a wildcard (`*`) takes them: English first,
 * the network's common language, then the partners' own.
 */
export const LOCALES: readonly Locale[] = [Locale.EN, Locale.HR, Locale.FR, Locale.DE, Locale.PL];

/** The language tag of a locale in HTTP headers: `hr`. */
export function languageTag(locale: Locale): string {
  return locale.toLowerCase();
}

const LANGUAGE_RANGE = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/i;
const QUALITY = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;
const BY_TAG = new Map(LOCALES.map((locale) => [languageTag(locale), locale]));

/** Longer headers are cut: no browser sends more than a few hundred bytes. */
const MAX_HEADER_LENGTH = 1_024;

/**
 * The locale an `Accept-Language` header asks for (RFC 9110 §12.5.4), or null when it asks
 * for none of the graph's languages, or for nothing at all. A range's primary subtag picks the
 * locale (`hr-HR` → HR, `de-AT` → DE); ranges with a quality of 0 are refused (`fr;q=0`); the
 * highest quality wins, the earlier range on a tie; `*` stands for the locales the header does
 * not name, in the order of LOCALES. Ranges that are malformed, carry a malformed quality or
 * name another language are ignored, never an error: the header is the browser's, not the
 * reader's, and a page in English is better than no page.
 */
export function negotiateLocale(header: string | readonly string[] | undefined): Locale | null {
  const joined: string = typeof header === 'string' ? header : (header ?? []).join(',');
  const value = joined.slice(0, MAX_HEADER_LENGTH);
  /** The best quality each locale was given, and where it was first given it. */
  const weights = new Map<Locale, { quality: number; position: number }>();
  const refused = new Set<Locale>();
  let wildcard: { quality: number; position: number } | undefined;
  value.split(',').forEach((item, position) => {
    const [range, ...parameters] = item.split(';').map((part) => part.trim());
    if (!range || !LANGUAGE_RANGE.test(range)) return;
    let quality = 1;
    for (const parameter of parameters) {
      const match = QUALITY.exec(parameter.replace(/\s+/g, ''));
      if (!match) return;
      quality = Number(match[1]);
    }
    if (range === '*') {
      if (!wildcard) wildcard = { quality, position };
      return;
    }
    const locale = BY_TAG.get(range.split('-')[0]!.toLowerCase());
    if (!locale) return;
    if (quality === 0) {
      // Only the whole language can be refused: `fr-CA;q=0` still accepts French.
      if (!range.includes('-')) refused.add(locale);
      return;
    }
    const known = weights.get(locale);
    if (!known || quality > known.quality) weights.set(locale, { quality, position: known?.position ?? position });
  });
  if (wildcard && wildcard.quality > 0) {
    for (const locale of LOCALES) {
      if (!weights.has(locale) && !refused.has(locale)) weights.set(locale, wildcard);
    }
  }
  let best: { locale: Locale; quality: number; position: number } | null = null;
  for (const locale of LOCALES) {
    const weight = weights.get(locale);
    if (!weight || refused.has(locale)) continue;
    if (
      !best ||
      weight.quality > best.quality ||
      (weight.quality === best.quality && weight.position < best.position)
    ) {
      best = { locale, ...weight };
    }
  }
  return best?.locale ?? null;
}

/**
 * The order in which a translatable text is looked for (docs/API.md, version 3): the field's
 * `locale` argument, the request's language, English, then the language it was written in.
 */
export function localePreference(argument: Locale | null | undefined, requested: Locale | null): Locale[] {
  const order: Locale[] = [];
  for (const locale of [argument, requested, Locale.EN]) if (locale && !order.includes(locale)) order.push(locale);
  return order;
}

@ObjectType({ description: "One stored text of a record in one language (the original's included)." })
@Directive('@shareable')
export class Translation {
  @Field({ description: 'The field the text belongs to, e.g. "title".' })
  field!: string;

  @Field(() => Locale)
  locale!: Locale;

  @Field()
  text!: string;
}

@ObjectType({ description: 'How many texts are available in one language, and how many are not.' })
@Directive('@shareable')
export class LocaleCoverage {
  @Field(() => Locale)
  locale!: Locale;

  @Field(() => Int, { description: 'Texts written in this language or translated into it.' })
  translated!: number;

  @Field(() => Int, { description: 'Texts with neither.' })
  missing!: number;
}
