/** The message of anything thrown, for a sentence shown to the user. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
