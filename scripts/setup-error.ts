/**
 * A problem with the machine or the data folder that the user can fix, told in a sentence or
 * two with what to do: the local commands print its message alone, without a stack trace,
 * which would only bury it.
 */
export class SetupError extends Error {
  override name = 'SetupError';
}
