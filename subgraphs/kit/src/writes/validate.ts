import { userInputError } from '@citipart/schema';

// Checks of what clients send, with messages that name the field. Each returns the value
// to store (trimmed, normalised) or throws BAD_USER_INPUT.

// Control characters (but tab and newline in long texts) have no place in names and titles.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// Nor have characters that are invisible or turn the direction of what follows (a title
// that reads one way and is stored another, "Trojan Source"): the bidirectional embeddings,
// overrides, isolates and marks, zero-width spaces and joiners of words, and the BOM. The
// zero-width (non-)joiners that emoji and some scripts need are kept.
const INVISIBLE = /[\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

function printable(value: string, field: string, multiline: boolean): string {
  if (CONTROL.test(value) || (!multiline && /[\n\t]/.test(value))) {
    throw userInputError(`"${field}" contains control characters.`, field);
  }
  if (INVISIBLE.test(value)) {
    throw userInputError(`"${field}" contains invisible or direction-changing characters.`, field);
  }
  return value;
}

export function text(value: string, field: string, max = 200): string {
  const trimmed = printable(value.trim(), field, false);
  if (!trimmed) throw userInputError(`"${field}" must not be empty.`, field);
  if (trimmed.length > max)
    throw userInputError(`"${field}" must be at most ${max} characters; got ${trimmed.length}.`, field);
  return trimmed;
}

/** A one-line text that may be absent; blank counts as absent. */
export function optionalText(value: string | null | undefined, field: string, max = 200): string | null {
  return optional(value, field, max, false);
}

/** A text of several lines (a description) that may be absent. */
export function optionalLongText(value: string | null | undefined, field: string, max = 2000): string | null {
  return optional(value, field, max, true);
}

function optional(value: string | null | undefined, field: string, max: number, multiline: boolean): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = printable(value.trim(), field, multiline);
  if (trimmed.length > max)
    throw userInputError(`"${field}" must be at most ${max} characters; got ${trimmed.length}.`, field);
  return trimmed || null;
}

export function url(value: string, field: string): string {
  if (value.length > 2000) throw userInputError(`"${field}" must be at most 2000 characters.`, field);
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    throw userInputError(`"${field}" must be an http(s) URL; got ${JSON.stringify(value)}.`, field);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw userInputError(`"${field}" must be an http(s) URL; got ${JSON.stringify(value)}.`, field);
  }
  return value.trim();
}

export function optionalUrl(value: string | null | undefined, field: string): string | null {
  return value === null || value === undefined || !value.trim() ? null : url(value, field);
}

/** A stable, readable id such as "europski-dom-dubrovnik". */
export function slug(value: string, field: string): string {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) || value.length > 80) {
    throw userInputError(
      `"${field}" must be lower-case letters, digits and single hyphens (at most 80); got ${JSON.stringify(value)}.`,
      field,
    );
  }
  return value;
}

export function intInRange(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw userInputError(`"${field}" must be an integer from ${min} to ${max}; got ${value}.`, field);
  }
  return value;
}

/** A year such as a founding year: not before 1800, not in the future. */
export function optionalYear(value: number | null | undefined, field: string): number | null {
  return value === null || value === undefined ? null : intInRange(value, field, 1800, new Date().getUTCFullYear());
}

/** Dates of the network's life: from 1900 to 2100, which catches typing slips like 2999. */
export function plausibleDate(value: string, field: string): string {
  if (value < '1900-01-01' || value > '2100-12-31') {
    throw userInputError(`"${field}" must be between 1900 and 2100; got ${value}.`, field);
  }
  return value;
}

export function dateOrder(startsOn: string, endsOn: string | null | undefined, field: string): void {
  if (endsOn && endsOn < startsOn)
    throw userInputError(`"${field}" must not be before the start date (${startsOn}).`, field);
}

export function required<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) throw userInputError(`"${field}" cannot be null.`, field);
  return value;
}

export function clientKey(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!/^[\x21-\x7e]{1,100}$/.test(value)) {
    throw userInputError('"clientKey" must be 1 to 100 printable ASCII characters without spaces.', 'clientKey');
  }
  return value;
}

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

export function optionalEmail(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined || !value.trim()) return null;
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw userInputError(`"${field}" is not an e-mail address.`, field);
  return email;
}

export function optionalPhone(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined || !value.trim()) return null;
  const phone = value.trim();
  if (!/^\+?[0-9][0-9 ()./-]{4,24}$/.test(phone)) {
    throw userInputError(`"${field}" must be a phone number of digits, spaces and + ( ) . / -.`, field);
  }
  return phone;
}

export function participants<Q extends string>(
  value: { value: number; qualifier: Q },
  field: string,
): { value: number; qualifier: Q };
export function participants<Q extends string>(
  value: { value: number; qualifier: Q } | null | undefined,
  field: string,
): { value: number; qualifier: Q } | null;
export function participants<Q extends string>(
  value: { value: number; qualifier: Q } | null | undefined,
  field: string,
): { value: number; qualifier: Q } | null {
  if (value === null || value === undefined) return null;
  return { value: intInRange(value.value, `${field}.value`, 0, 1_000_000), qualifier: value.qualifier };
}

export function sources(value: { url: string; title?: string | null }[] | null | undefined, field: string) {
  if (value === null || value === undefined) return [];
  if (value.length > 20) throw userInputError(`"${field}" may list at most 20 sources.`, field);
  return value.map((source, index) => ({
    url: url(source.url, `${field}[${index}].url`),
    title: optionalText(source.title, `${field}[${index}].title`, 300),
  }));
}
