import { LOCALES, Locale, type LocalizedTexts, Translation, localePreference, userInputError } from '@citipart/schema';
import { Arg, type ClassType, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../context';

/**
 * The translations of a record's texts, by locale then field, as its `translations` column
 * (jsonb) holds them. The original texts stay in their own columns, so that the writes,
 * filters and orders of versions 1 and 2 read them as before; the original's locale is never
 * a key here (translating into it is refused).
 */
export type TranslatedTexts<F extends string = string> = Partial<Record<Locale, Partial<Record<F, string>>>>;

/** A record with translatable texts: the locale they were written in, and their translations. */
export interface Translatable {
  originalLocale: Locale;
  translations: TranslatedTexts;
}

/** ...with its texts `F`, as written. */
type WithTexts<F extends string> = Translatable & { [K in F]?: string | null };

/**
 * A field's text in the first of `preference` that has it, else in the original's language.
 * Each field falls back on its own: a translation may give a title and no description.
 */
export function textIn<F extends string>(record: WithTexts<F>, field: F, preference: readonly Locale[]): string | null {
  const original = record[field] ?? null;
  if (original === null) return null;
  for (const locale of preference) {
    if (locale === record.originalLocale) return original;
    const translated = record.translations?.[locale]?.[field];
    if (translated !== undefined) return translated;
  }
  return original;
}

/**
 * The columns of a record whose texts the built-in dataset gives in several languages: the
 * original's texts in their own columns, the others as translations.
 */
export function textColumns<F extends string>(
  localized: LocalizedTexts<F>,
): Record<F, string> & { originalLocale: Locale; translations: TranslatedTexts<F> } {
  const { originalLocale, texts } = localized;
  const original = texts[originalLocale];
  if (!original) throw new Error(`The texts in ${originalLocale}, their original language, are missing`);
  const translations: TranslatedTexts<F> = {};
  for (const locale of LOCALES) {
    const translated = texts[locale];
    if (translated && locale !== originalLocale) translations[locale] = translated;
  }
  return { ...original, originalLocale, translations };
}

/** Every stored text of a record, the original's first, then the translations in LOCALES order. */
export function storedTexts<F extends string>(record: WithTexts<F>, fields: readonly F[]): Translation[] {
  const texts: Translation[] = [];
  const add = (locale: Locale, values: Partial<Record<F, string | null>> | undefined) => {
    for (const field of fields) {
      const text = values?.[field];
      if (text != null) texts.push({ field, locale, text });
    }
  };
  add(record.originalLocale, record as Partial<Record<F, string | null>>);
  for (const locale of LOCALES) if (locale !== record.originalLocale) add(locale, record.translations?.[locale]);
  return texts;
}

/**
 * Refuses a change of the language a record was written in to one it has a translation
 * into: the two texts would claim the same language. (The translation is the place to
 * change those texts.)
 */
export function checkOriginalLocale(row: Partial<Translatable>, stored: Translatable | undefined, field: string): void {
  if (!stored || !row.originalLocale || row.originalLocale === stored.originalLocale) return;
  if (stored.translations[row.originalLocale]) {
    throw userInputError(
      `"${field}": a translation into ${row.originalLocale} is stored; change those texts with the translation, or write the record in another language.`,
      field,
    );
  }
}

export interface TranslatableField<F extends string> {
  name: F;
  nullable: boolean;
  description: string;
}

const LOCALE_ARGUMENT = {
  nullable: true,
  description:
    "The language to answer in; without it, the request's (Accept-Language), then English, then the original.",
};

/**
 * The GraphQL side of a translatable type: each text field with its `locale` argument, and
 * `translations`. One resolver class per type, made once at module load: TypeGraphQL keeps
 * resolvers in global metadata, and several subgraphs in one process share the class.
 * The type's own class declares `originalLocale` and leaves these fields undeclared.
 */
export function translatableFieldsResolver<F extends string>(
  type: ClassType,
  fields: readonly TranslatableField<F>[],
): ClassType {
  @Resolver(() => type)
  class TranslatableFieldsResolver {
    @FieldResolver(() => [Translation], {
      description: 'Every stored text of this record in every language, the original included.',
    })
    translations(@Root() record: WithTexts<F>): Translation[] {
      return storedTexts(
        record,
        fields.map((field) => field.name),
      );
    }
  }
  const prototype = TranslatableFieldsResolver.prototype as unknown as Record<string, unknown>;
  for (const field of fields) {
    // Methods are named apart from the fields, which TypeGraphQL takes from `name`.
    const method = `${field.name}InLocale`;
    prototype[method] = (locale: Locale | null | undefined, record: WithTexts<F>, ctx: SubgraphContext) =>
      textIn(record, field.name, localePreference(locale, ctx.locale));
    Arg('locale', () => Locale, LOCALE_ARGUMENT)(prototype, method, 0);
    Root()(prototype, method, 1);
    Ctx()(prototype, method, 2);
    FieldResolver(() => String, { name: field.name, nullable: field.nullable, description: field.description })(
      prototype,
      method,
      Object.getOwnPropertyDescriptor(prototype, method)!,
    );
  }
  return TranslatableFieldsResolver;
}
