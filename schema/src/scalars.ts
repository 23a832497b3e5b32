import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLCountryCode } from 'graphql-scalars';
import { userInputError } from './errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether `value` is "YYYY-MM-DD" of a day that exists, years 0001 to 9999 (PostgreSQL has
 * no year 0): what a `date` column holds. Dates in arguments and in cursors are checked here.
 */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** Parses "YYYY-MM-DD" and rejects impossible dates such as 2016-02-30. */
export function parseIsoDate(value: unknown): string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw userInputError(`Date must be an ISO 8601 calendar date like "2016-03-13"; got ${JSON.stringify(value)}.`);
  }
  if (!isCalendarDate(value)) throw userInputError(`Date ${JSON.stringify(value)} does not exist.`);
  return value;
}

function serializeDate(value: unknown): string {
  // PostgreSQL `date` columns come back as strings; a Date object only appears from code.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return parseIsoDate(value);
}

/**
 * The scalars throw GraphQL errors with code BAD_USER_INPUT: graphql-js reports such an
 * error as it is during validation, so a client sees the code the contract promises
 * whether the value came as a literal or as a variable.
 */
function literal(ast: ValueNode): unknown {
  return ast.kind === Kind.STRING ? ast.value : `<${ast.kind}>`;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'An ISO 8601 calendar date, e.g. "2016-03-13".',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize: serializeDate,
  parseValue: parseIsoDate,
  parseLiteral: (ast) => parseIsoDate(literal(ast)),
});

// graphql-scalars knows the assigned ISO codes but also accepts "hr"; the contract and the
// stored data use capitals only, so a filter can never silently miss because of case.
function parseCountryCode(value: unknown): string {
  try {
    if (typeof value !== 'string' || !/^[A-Z]{2}$/.test(value)) throw new Error('not two capitals');
    return GraphQLCountryCode.parseValue(value) as string;
  } catch {
    throw userInputError(
      `CountryCode must be an ISO 3166-1 alpha-2 code in capitals, like "HR"; got ${JSON.stringify(value)}.`,
    );
  }
}

export const CountryCodeScalar = new GraphQLScalarType<string, string>({
  name: 'CountryCode',
  description: 'An ISO 3166-1 alpha-2 country code, e.g. "HR".',
  specifiedByURL: 'https://en.wikipedia.org/wiki/ISO_3166-1_alpha-2',
  serialize: (value) => parseCountryCode(value),
  parseValue: parseCountryCode,
  parseLiteral: (ast) => parseCountryCode(literal(ast)),
});
