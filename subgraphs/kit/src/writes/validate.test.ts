import { GraphQLError } from 'graphql';
import * as check from './validate';

// Each checker returns the value to store, or throws BAD_USER_INPUT naming the field.

/** The error `run` throws: a GraphQLError with code BAD_USER_INPUT and `extensions.field`. */
function refusal(run: () => unknown, field: string): GraphQLError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) throw new Error(`expected ${field} to be refused`);
  expect(thrown).toBeInstanceOf(GraphQLError);
  const error = thrown as GraphQLError;
  expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
  return error;
}

const CONTROL_CHARACTERS = ['\u0000', '\u0007', '\u001b', '\u007f', '\r'];

describe('text', () => {
  test('trims and returns a one-line text', () => {
    expect(check.text('  Forum theatre  ', 'input.title')).toBe('Forum theatre');
    expect(check.text('Ž'.repeat(200), 'input.title')).toBe('Ž'.repeat(200));
  });

  test.each([
    ['empty', ''],
    ['blank', '   '],
  ])('refuses a %s text', (_name, value) => {
    expect(refusal(() => check.text(value, 'input.title'), 'input.title').message).toMatch(/must not be empty/);
  });

  test('refuses a text longer than the maximum, counted after trimming', () => {
    expect(check.text(` ${'a'.repeat(10)} `, 'name', 10)).toBe('a'.repeat(10));
    expect(refusal(() => check.text('a'.repeat(11), 'name', 10), 'name').message).toMatch(/at most 10.*got 11/);
    expect(refusal(() => check.text('a'.repeat(201), 'input.title'), 'input.title').message).toMatch(/at most 200/);
  });

  test.each([...CONTROL_CHARACTERS, '\n', '\t'].map((character) => [JSON.stringify(character), character]))(
    'refuses the control character %s inside a one-line text',
    (_name, character) => {
      expect(refusal(() => check.text(`Debate${character}night`, 'input.title'), 'input.title').message).toMatch(
        /control characters/,
      );
    },
  );
});

describe('invisible and direction-changing characters', () => {
  // Bidirectional overrides, embeddings, isolates and marks; zero-width space, word joiner,
  // invisible operators; the BOM; the Arabic letter mark and the Mongolian vowel separator.
  const INVISIBLE = [
    '\u202a',
    '\u202b',
    '\u202c',
    '\u202d',
    '\u202e',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u200e',
    '\u200f',
    '\u061c',
    '\u200b',
    '\u2060',
    '\u2063',
    '\ufeff',
    '\u180e',
  ];

  test.each(INVISIBLE.map((character) => [`U+${character.codePointAt(0)!.toString(16).padStart(4, '0')}`, character]))(
    'refuses %s in one-line and long texts alike',
    (_name, character) => {
      const title = refusal(() => check.text(`Peace${character}day`, 'input.title'), 'input.title');
      expect(title.message).toBe('"input.title" contains invisible or direction-changing characters.');
      const description = refusal(
        () => check.optionalLongText(`A day${character} of peace`, 'input.description'),
        'input.description',
      );
      expect(description.message).toMatch(/invisible or direction-changing/);
    },
  );

  test('keeps the joiners emoji and scripts need, and every letter of the five languages', () => {
    const text = 'Mir 🕊️ paix Frieden pokój 👩\u200d👧 ćčđšž éèàçœ äöüß ąęłńóśźż';
    expect(check.text(text, 'input.title')).toBe(text);
    expect(check.text('a\u200cb', 'input.title')).toBe('a\u200cb');
  });
});

describe('optionalText and optionalLongText', () => {
  test.each([null, undefined, '', '   '])('%j is absent: null', (value) => {
    expect(check.optionalText(value, 'patch.role')).toBeNull();
    expect(check.optionalLongText(value, 'patch.description')).toBeNull();
  });

  test('trim what is given', () => {
    expect(check.optionalText(' host ', 'patch.role')).toBe('host');
    expect(check.optionalLongText(' With pupils. ', 'patch.description')).toBe('With pupils.');
  });

  test('a long text may have several lines and tabs; a one-line text may not', () => {
    expect(check.optionalLongText('First line\nsecond\tline', 'patch.description')).toBe('First line\nsecond\tline');
    refusal(() => check.optionalText('First line\nsecond', 'patch.role'), 'patch.role');
    refusal(() => check.optionalText('a\tb', 'patch.role'), 'patch.role');
  });

  test.each(CONTROL_CHARACTERS.map((character) => [JSON.stringify(character), character]))(
    'both refuse the control character %s',
    (_name, character) => {
      refusal(() => check.optionalText(`a${character}b`, 'patch.role'), 'patch.role');
      refusal(() => check.optionalLongText(`a${character}b`, 'patch.description'), 'patch.description');
    },
  );

  test('both have a maximum length: 200 and 2000 by default', () => {
    expect(check.optionalText('a'.repeat(200), 'patch.role')).toHaveLength(200);
    expect(refusal(() => check.optionalText('a'.repeat(201), 'patch.role'), 'patch.role').message).toMatch(
      /at most 200/,
    );
    expect(check.optionalLongText('a'.repeat(2000), 'patch.description')).toHaveLength(2000);
    refusal(() => check.optionalLongText('a'.repeat(2001), 'patch.description'), 'patch.description');
    refusal(() => check.optionalText('abcd', 'x', 3), 'x');
  });
});

describe('url and optionalUrl', () => {
  test.each(['http://edd.hr', 'https://www.split.hr/en?x=1#top'])('accept %s', (value) => {
    expect(check.url(value, 'patch.website')).toBe(value);
    expect(check.optionalUrl(value, 'patch.website')).toBe(value);
  });

  test('trim the URL', () => {
    expect(check.url('  https://example.org/a  ', 'patch.website')).toBe('https://example.org/a');
  });

  test.each(['ftp://example.org', 'javascript:alert(1)', 'mailto:a@example.org', 'example.org', 'not a url', ''])(
    'refuse %j',
    (value) => {
      expect(refusal(() => check.url(value, 'patch.website'), 'patch.website').message).toMatch(/http\(s\) URL/);
    },
  );

  test('refuse a URL over 2000 characters', () => {
    refusal(() => check.url(`https://example.org/${'a'.repeat(2000)}`, 'patch.website'), 'patch.website');
  });

  test('optionalUrl: absent or blank is null, a bad one is refused', () => {
    expect(check.optionalUrl(null, 'patch.website')).toBeNull();
    expect(check.optionalUrl(undefined, 'patch.website')).toBeNull();
    expect(check.optionalUrl('  ', 'patch.website')).toBeNull();
    refusal(() => check.optionalUrl('ftp://example.org', 'patch.website'), 'patch.website');
  });
});

describe('slug', () => {
  test.each(['bbag', 'europski-dom-dubrovnik', 'grad-split-2', 'a'.repeat(80)])('accepts %s', (value) => {
    expect(check.slug(value, 'input.id')).toBe(value);
  });

  test.each([
    'Not A Slug',
    'Upper',
    'double--hyphen',
    '-leading',
    'trailing-',
    'under_score',
    'ümlaut',
    '',
    'a'.repeat(81),
  ])('refuses %j', (value) => {
    expect(refusal(() => check.slug(value, 'input.id'), 'input.id').message).toMatch(/lower-case/);
  });
});

describe('intInRange and optionalYear', () => {
  test('accept integers within the bounds, the bounds included', () => {
    expect(check.intInRange(0, 'first', 0, 100)).toBe(0);
    expect(check.intInRange(100, 'first', 0, 100)).toBe(100);
  });

  test.each([-1, 101, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuse %p', (value) => {
    expect(refusal(() => check.intInRange(value, 'first', 0, 100), 'first').message).toMatch(/integer from 0 to 100/);
  });

  test('optionalYear: from 1800 to this year; absent is null', () => {
    const thisYear = new Date().getUTCFullYear();
    expect(check.optionalYear(null, 'patch.foundedYear')).toBeNull();
    expect(check.optionalYear(undefined, 'patch.foundedYear')).toBeNull();
    expect(check.optionalYear(1800, 'patch.foundedYear')).toBe(1800);
    expect(check.optionalYear(thisYear, 'patch.foundedYear')).toBe(thisYear);
    refusal(() => check.optionalYear(1799, 'patch.foundedYear'), 'patch.foundedYear');
    refusal(() => check.optionalYear(thisYear + 1, 'patch.foundedYear'), 'patch.foundedYear');
    refusal(() => check.optionalYear(2001.5, 'patch.foundedYear'), 'patch.foundedYear');
  });
});

describe('dates', () => {
  test('plausibleDate: from 1900 to 2100', () => {
    expect(check.plausibleDate('1900-01-01', 'input.startsOn')).toBe('1900-01-01');
    expect(check.plausibleDate('2100-12-31', 'input.startsOn')).toBe('2100-12-31');
    expect(refusal(() => check.plausibleDate('1899-12-31', 'input.startsOn'), 'input.startsOn').message).toMatch(
      /between 1900 and 2100/,
    );
    refusal(() => check.plausibleDate('2999-05-01', 'input.startsOn'), 'input.startsOn');
  });

  test('dateOrder: an end before the start is refused; the same day or none is fine', () => {
    expect(() => check.dateOrder('2016-05-01', '2016-05-01', 'input.endsOn')).not.toThrow();
    expect(() => check.dateOrder('2016-05-01', '2016-05-02', 'input.endsOn')).not.toThrow();
    expect(() => check.dateOrder('2016-05-01', null, 'input.endsOn')).not.toThrow();
    expect(() => check.dateOrder('2016-05-01', undefined, 'input.endsOn')).not.toThrow();
    expect(refusal(() => check.dateOrder('2016-05-01', '2016-04-30', 'input.endsOn'), 'input.endsOn').message).toMatch(
      /before the start date \(2016-05-01\)/,
    );
  });
});

test('required: null and undefined are refused; every other value, falsy ones included, passes', () => {
  for (const value of [0, '', false, 'x']) expect(check.required(value, 'patch.name')).toBe(value);
  expect(refusal(() => check.required(null, 'patch.name'), 'patch.name').message).toMatch(/cannot be null/);
  refusal(() => check.required(undefined, 'patch.name'), 'patch.name');
});

describe('clientKey', () => {
  test('absent is null; 1 to 100 printable ASCII characters pass', () => {
    expect(check.clientKey(null)).toBeNull();
    expect(check.clientKey(undefined)).toBeNull();
    for (const key of ['k', 'add-paul', '~!{}[]:"', 'x'.repeat(100)]) expect(check.clientKey(key)).toBe(key);
  });

  test.each(['', 'has spaces', 'x'.repeat(101), 'tab\tkey', 'clé', 'line\n'])('refuses %j', (key) => {
    expect(refusal(() => check.clientKey(key), 'clientKey').message).toMatch(/printable/);
  });
});

describe('optionalEmail', () => {
  test('absent or blank is null; an address is trimmed and lower-cased', () => {
    expect(check.optionalEmail(null, 'input.email')).toBeNull();
    expect(check.optionalEmail(undefined, 'input.email')).toBeNull();
    expect(check.optionalEmail('  ', 'input.email')).toBeNull();
    expect(check.optionalEmail(' Ana.Horvat@Example.org ', 'input.email')).toBe('ana.horvat@example.org');
  });

  test.each(['not-an-address', 'a@b', '@example.org', 'a b@example.org', 'a@@example.org', '<a@example.org>'])(
    'refuses %j',
    (value) => {
      expect(refusal(() => check.optionalEmail(value, 'input.email'), 'input.email').message).toMatch(/e-mail/);
    },
  );

  test('refuses an address longer than 254 characters', () => {
    refusal(() => check.optionalEmail(`${'a'.repeat(250)}@example.org`, 'input.email'), 'input.email');
  });
});

describe('optionalPhone', () => {
  test.each(['+385 20 000 000', '0 (1) 23 45 67', '030/1234-567', '+48.32.296.06.00'])('accepts %j', (value) => {
    expect(check.optionalPhone(` ${value} `, 'input.phone')).toBe(value);
  });

  test('absent or blank is null', () => {
    expect(check.optionalPhone(null, 'input.phone')).toBeNull();
    expect(check.optionalPhone(undefined, 'input.phone')).toBeNull();
    expect(check.optionalPhone(' ', 'input.phone')).toBeNull();
  });

  test.each(['call me', '123', '+', '+385 20 000 000 ext. 5', `+${'1'.repeat(30)}`])('refuses %j', (value) => {
    expect(refusal(() => check.optionalPhone(value, 'input.phone'), 'input.phone').message).toMatch(/phone number/);
  });
});

describe('participants', () => {
  test('absent is null; a count from 0 to 1,000,000 passes with its qualifier', () => {
    expect(check.participants(null, 'input.participants')).toBeNull();
    expect(check.participants(undefined, 'input.participants')).toBeNull();
    expect(check.participants({ value: 0, qualifier: 'EXACT' }, 'input.participants')).toEqual({
      value: 0,
      qualifier: 'EXACT',
    });
    expect(check.participants({ value: 1_000_000, qualifier: 'ABOUT' }, 'input.participants')).toEqual({
      value: 1_000_000,
      qualifier: 'ABOUT',
    });
  });

  test.each([-3, 1_000_001, 2.5])('refuses %p, naming the value field', (value) => {
    expect(
      refusal(() => check.participants({ value, qualifier: 'EXACT' }, 'input.participants'), 'input.participants.value')
        .message,
    ).toMatch(/from 0/);
  });
});

describe('sources', () => {
  test('absent is an empty list; each source is checked and trimmed', () => {
    expect(check.sources(null, 'input.sources')).toEqual([]);
    expect(check.sources(undefined, 'input.sources')).toEqual([]);
    expect(
      check.sources(
        [{ url: ' https://example.org/a ', title: ' A ' }, { url: 'http://example.org/b' }],
        'input.sources',
      ),
    ).toEqual([
      { url: 'https://example.org/a', title: 'A' },
      { url: 'http://example.org/b', title: null },
    ]);
  });

  test('names the bad source by its index', () => {
    refusal(
      () => check.sources([{ url: 'https://example.org' }, { url: 'ftp://example.org' }], 'input.sources'),
      'input.sources[1].url',
    );
    refusal(
      () => check.sources([{ url: 'https://example.org', title: 'a'.repeat(301) }], 'input.sources'),
      'input.sources[0].title',
    );
  });

  test('at most 20', () => {
    const many = Array.from({ length: 21 }, (_, index) => ({ url: `https://example.org/${index}` }));
    expect(check.sources(many.slice(0, 20), 'input.sources')).toHaveLength(20);
    expect(refusal(() => check.sources(many, 'input.sources'), 'input.sources').message).toMatch(/at most 20/);
  });
});
