import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export interface LibraryPreferences {
  /** Keep each dropped file in the library, so an interrupted job resumes without asking for it. */
  readonly keepFiles: boolean;
}

/** The user's choices about the library, remembered across visits (localStorage). */
export const useLibraryPreferences = create<LibraryPreferences>()(persist<LibraryPreferences>(() => ({ keepFiles: false }), { name: 'library-preferences' }));

export const libraryPreferenceActions = {
  setKeepFiles(keepFiles: boolean): void {
    useLibraryPreferences.setState({ keepFiles });
  },
};
