import { LOCALES, type Locale, type LocaleCoverage } from '@citipart/schema';
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Translatable } from './translatable';

/** A table of translatable records, and which of their texts count. */
export interface TextSource<T extends Translatable = Translatable> {
  entity: EntityClass<T>;
  fields: readonly (keyof T & string)[];
  /** Counts only the records whose `column` is one of the keys; results are by key. */
  partitionBy?: keyof T & string;
}

/** A source of one entity's texts, for `translationCoverage` (which takes sources of any entity). */
export function textSource<T extends Translatable>(source: TextSource<T>): TextSource {
  return source as unknown as TextSource;
}

const LOCALE_ARRAY = `array[${LOCALES.map((locale) => `'${locale}'`).join(', ')}]::text[]`;

/**
 * For each key (each partner), in each locale, how many texts exist in it (written in it or
 * translated into it) and how many do not: one statement for any number of keys and records,
 * counted in PostgreSQL. A text that is null (an activity without a description) is not a
 * text. Keys without records get zeros.
 */
export async function translationCoverage(
  em: EntityManager,
  sources: readonly TextSource[],
  keys: readonly string[] = [''],
): Promise<Map<string, LocaleCoverage[]>> {
  const schema = em.config.get('schema') as string;
  const parameters: unknown[] = [];
  const texts = sources.map((source) => {
    const meta = em.getMetadata().get(source.entity.name);
    const column = (property: string) =>
      `"${meta.properties[property as keyof typeof meta.properties]!.fieldNames[0]}"`;
    const values = source.fields.map((field) => `('${field}', r.${column(field)})`).join(', ');
    let partition = `''`;
    let where = '';
    if (source.partitionBy) {
      partition = `r.${column(source.partitionBy)}`;
      // An array parameter is inlined as a list of values ('a', 'b'): `in`, not `= any`.
      where = `and ${partition} in (?)`;
      parameters.push([...keys]);
    }
    return `select ${partition} as key, r.${column('originalLocale')} as original, r.${column('translations')} as translated, f.field
      from "${schema}"."${meta.tableName}" r cross join lateral (values ${values}) as f(field, text)
      where f.text is not null ${where}`;
  });
  const rows: { key: string; locale: Locale; translated: string; total: string }[] = await em.getConnection().execute(
    `with texts as (${texts.join(' union all ')})
     select key, l.locale,
       count(*) filter (where original = l.locale or translated -> l.locale -> field is not null) as translated,
       count(*) as total
     from texts cross join unnest(${LOCALE_ARRAY}) as l(locale)
     group by key, l.locale`,
    parameters,
  );
  const coverage = new Map<string, LocaleCoverage[]>();
  for (const key of keys) {
    coverage.set(
      key,
      LOCALES.map((locale) => {
        const row = rows.find((candidate) => candidate.key === key && candidate.locale === locale);
        const translated = Number(row?.translated ?? 0);
        return { locale, translated, missing: Number(row?.total ?? 0) - translated };
      }),
    );
  }
  return coverage;
}
