import type { Locale } from './enums';

/**
 * A record's texts in the language they were written in and in the languages they were
 * translated into: the shape of the built-in dataset's texts (the seed files name the
 * fields, e.g. `LocalizedTexts<'title' | 'description'>`).
 */
export interface LocalizedTexts<Field extends string> {
  /** The language the texts were written in; `texts[originalLocale]` holds them. */
  originalLocale: Locale;
  /** Every language the record has texts in, the original included. */
  texts: Partial<Record<Locale, Record<Field, string>>>;
}
