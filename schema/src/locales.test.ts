import { Locale } from './enums';
import { LOCALES, localePreference, negotiateLocale } from './locales';

// Accept-Language as browsers and careless clients send it (RFC 9110 §12.5.4): the language
// a partner site's reader gets. Through the gateway: test/graph/languages.postgres.test.ts.

const { HR, FR, DE, PL, EN } = Locale;

test.each<[string | undefined, Locale | null]>([
  [undefined, null],
  ['', null],
  ['hr', HR],
  ['hr-HR,hr;q=0.9,en;q=0.8', HR],
  ['de-AT', DE],
  ['DE-at', DE],
  ['fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7', FR],
  ['en-GB;q=0.5, pl', PL],
  ['pl;q=0.5, de;q=0.5', PL], // a tie: the earlier
  ['*', EN],
  ['*;q=0.5, en;q=0', HR], // the wildcard stands for the locales not named, in LOCALES order
  ['fr;q=0', null],
  ['fr;q=0, *', EN],
  ['fr-CA;q=0, fr;q=0.4, de;q=0.3', FR], // a region refused is not its language refused
  ['sr-Latn, bs', null], // languages the graph does not speak
  ['sr-Latn, hr;q=0.1', HR],
  ['fr;q=0.1234, de', DE], // a malformed quality: the range is ignored
  ['fr;q=2, pl', PL],
  ['klingon', null],
  [';;;,q=x,,', null],
  ['en-US-x-subtagfartoolong, de', DE], // a subtag over 8 characters: malformed
])('Accept-Language %j → %s', (header, expected) => {
  expect(negotiateLocale(header)).toBe(expected);
});

test('a header is read up to 1 KiB: what comes after is not looked at', () => {
  expect(negotiateLocale(`${'x'.repeat(5_000)}, fr`)).toBeNull();
  expect(negotiateLocale(`fr, ${'x;q=0.5,'.repeat(500)}`)).toBe(FR);
});

test('several headers are one list', () => {
  expect(negotiateLocale(['en;q=0.2', 'pl;q=0.9'])).toBe(PL);
});

test('a text is looked for in the argument, the request, English, then the original', () => {
  expect(localePreference(PL, FR)).toEqual([PL, FR, EN]);
  expect(localePreference(null, FR)).toEqual([FR, EN]);
  expect(localePreference(undefined, null)).toEqual([EN]);
  expect(localePreference(EN, EN)).toEqual([EN]);
  expect(LOCALES[0]).toBe(EN);
});
