import { UserFacingError } from '../shared/errorText.ts';

/** The engine worker ended without being asked to: a crash, out of memory, or a script that failed to load. */
export class EngineDiedError extends UserFacingError {
  override readonly name = 'EngineDiedError';
}
