import { type Lang, label, translate } from './i18n';

/** How the page writes numbers, dates, countries and languages: the browser's Intl, in the page's language. */

export interface ParticipantCount {
  value: number;
  qualifier: 'EXACT' | 'AT_LEAST' | 'ABOUT';
}

export function number(lang: Lang, value: number): string {
  return new Intl.NumberFormat(lang).format(value);
}

/** "55", "more than 52", "about 50", in the page's language. */
export function count(lang: Lang, participants: ParticipantCount | null | undefined): string {
  if (!participants) return '–';
  return label(lang, 'qualifier', participants.qualifier).replace('{n}', number(lang, participants.value));
}

/** A calendar date of the graph ("2016-03-13"), written out; read as a day, whatever the time zone. */
export function date(lang: Lang, isoDate: string, style: 'long' | 'medium' = 'long'): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { dateStyle: style, timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

export function dateRange(lang: Lang, from: string, to: string | null | undefined): string {
  if (!to || to === from) return date(lang, from);
  const [fromYear, fromMonth, fromDay] = from.split('-').map(Number);
  const [toYear, toMonth, toDay] = to.split('-').map(Number);
  const format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  return format.formatRange(
    new Date(Date.UTC(fromYear, fromMonth - 1, fromDay)),
    new Date(Date.UTC(toYear, toMonth - 1, toDay)),
  );
}

export function period(lang: Lang, from: string, to: string): string {
  return translate(lang, 'period', { from: date(lang, from), to: date(lang, to) });
}

/** "FR" → "France", "Frankreich", … */
export function country(lang: Lang, code: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "HR" (a Locale of the graph) → "Croatian", "croate", … */
export function language(lang: Lang, locale: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(locale.toLowerCase()) ?? locale;
  } catch {
    return locale;
  }
}

export function percent(lang: Lang, share: number): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** Compares strings as the page's language sorts them. */
export function collator(lang: Lang): (a: string, b: string) => number {
  return new Intl.Collator(lang).compare;
}
