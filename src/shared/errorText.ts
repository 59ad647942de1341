/** The message of anything thrown, for a sentence shown to the user. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An error whose message already speaks to the user: shown as it is, never wrapped. */
export class UserFacingError extends Error {}
