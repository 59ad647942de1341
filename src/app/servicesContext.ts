import { createContext, useContext } from 'react';
import type { TranscriptionController } from '../jobs/engineSession.ts';

export const ControllerContext = createContext<TranscriptionController | null>(null);

export function useController(): TranscriptionController {
  const controller = useContext(ControllerContext);
  if (controller === null) throw new Error('useController needs a ControllerContext provider.');
  return controller;
}
