import { userInputError } from '@citipart/schema';

/** The fields of a patch the client gave: omitted fields are undefined, null clears. */
export function givenFields<T extends object>(patch: T): (keyof T & string)[] {
  return (Object.keys(patch) as (keyof T & string)[]).filter((key) => patch[key] !== undefined);
}

/** A patch must change something. */
export function requireChanges(patch: object): void {
  if (!givenFields(patch).length) throw userInputError('"patch" must change at least one field.', 'patch');
}
