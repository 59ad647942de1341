/** What the workspace's keyboard shortcuts do. */
export type WorkspaceCommand =
  | 'playPause'
  | 'back'
  | 'forward'
  | 'slower'
  | 'faster'
  | 'nextDoubtful'
  | 'previousDoubtful'
  | 'find'
  | 'undo'
  | 'redo'
  | 'announce'
  | 'toggleFollow';

/**
 * Where the key was pressed: `typing` in a text field or list box (every key is the field's),
 * on a `control` (a button, link, checkbox or the player, which take Space and Enter), on a
 * `word` of the transcript, or `elsewhere` in the workspace.
 */
export type KeyTarget = 'typing' | 'control' | 'word' | 'elsewhere';

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

/** How far the skip keys and buttons move the player, in seconds. */
export const SKIP_SECONDS = 5;

const LETTER_COMMANDS: Readonly<Record<string, WorkspaceCommand>> = {
  k: 'playPause',
  j: 'back',
  l: 'forward',
  w: 'announce',
  f: 'toggleFollow',
};

/** The command a key press gives, or null when the key is left to the page. */
export function commandFor(press: KeyPress, target: KeyTarget): WorkspaceCommand | null {
  if (target === 'typing' || press.altKey) return null;
  const key = press.key;
  if (press.ctrlKey || press.metaKey) {
    const letter = key.toLowerCase();
    if (letter === 'z') return press.shiftKey ? 'redo' : 'undo';
    if (letter === 'y' && !press.shiftKey) return 'redo';
    return null;
  }
  if (key === ' ') return target === 'control' || press.shiftKey ? null : 'playPause';
  if (key === '<') return 'slower';
  if (key === '>') return 'faster';
  if (key === '/') return 'find';
  if (key === 'd') return 'nextDoubtful';
  if (key === 'D') return 'previousDoubtful';
  if (press.shiftKey) return null;
  return LETTER_COMMANDS[key.toLowerCase()] ?? null;
}

export interface ShortcutHelp {
  readonly keys: string;
  readonly does: string;
}

/** The shortcuts as the workspace lists them. */
export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
  { keys: 'K, or Space outside buttons', does: 'Play or pause' },
  { keys: 'J / L', does: `Back / forward ${SKIP_SECONDS} s` },
  { keys: '< / >', does: 'Slower / faster' },
  { keys: 'D / Shift+D', does: 'Next / previous doubtful word, played from just before it' },
  { keys: 'F', does: 'Follow playback on or off' },
  { keys: 'W', does: 'Say where playback is' },
  { keys: '/', does: 'Search' },
  { keys: 'Ctrl+Z / Ctrl+Shift+Z', does: 'Undo / redo an edit' },
  { keys: '← → on a word', does: 'Previous / next word (Shift selects a run)' },
  { keys: '↑ ↓ on a word', does: 'Previous / next paragraph' },
  { keys: 'Enter on a word', does: 'Move playback to the word' },
  { keys: 'E or F2 on a word', does: 'Correct the word or the selected run (Enter keeps, Escape drops)' },
  { keys: 'Delete on a word', does: 'Delete the word or the selected run' },
  { keys: 'Shift+Enter on a word', does: 'Start a paragraph at the word, or join it to the one before' },
];
