import { describe, expect, it } from 'vitest';
import { commandFor, SHORTCUT_HELP, type KeyPress, type KeyTarget } from '../../../src/features/transcript/shortcuts.ts';

const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...modifiers });

describe('the workspace shortcuts', () => {
  it('play and pause with K anywhere but in a text field, and with Space off buttons', () => {
    for (const target of ['control', 'word', 'elsewhere'] as const) expect(commandFor(press('k'), target)).toBe('playPause');
    expect(commandFor(press(' '), 'word')).toBe('playPause');
    expect(commandFor(press(' '), 'elsewhere')).toBe('playPause');
    expect(commandFor(press(' '), 'control')).toBeNull();
  });

  it('never take a key from a text field, nor an Alt combination', () => {
    for (const key of ['k', ' ', 'j', 'l', '<', '>', '/', 'd', 'z']) {
      expect(commandFor(press(key), 'typing')).toBeNull();
      expect(commandFor(press(key, { ctrlKey: true }), 'typing')).toBeNull();
    }
    expect(commandFor(press('k', { altKey: true }), 'word')).toBeNull();
  });

  it('skip, change speed, step through doubtful words, search, follow and announce', () => {
    const target: KeyTarget = 'elsewhere';
    expect(commandFor(press('j'), target)).toBe('back');
    expect(commandFor(press('l'), target)).toBe('forward');
    expect(commandFor(press('<', { shiftKey: true }), target)).toBe('slower');
    expect(commandFor(press('>', { shiftKey: true }), target)).toBe('faster');
    expect(commandFor(press('d'), target)).toBe('nextDoubtful');
    expect(commandFor(press('D', { shiftKey: true }), target)).toBe('previousDoubtful');
    expect(commandFor(press('/'), target)).toBe('find');
    expect(commandFor(press('f'), target)).toBe('toggleFollow');
    expect(commandFor(press('w'), target)).toBe('announce');
    expect(commandFor(press('L', { shiftKey: true }), target)).toBeNull();
    expect(commandFor(press('x'), target)).toBeNull();
  });

  it('undo with Ctrl or Cmd+Z, redo with Shift or Y', () => {
    expect(commandFor(press('z', { ctrlKey: true }), 'word')).toBe('undo');
    expect(commandFor(press('z', { metaKey: true }), 'control')).toBe('undo');
    expect(commandFor(press('Z', { ctrlKey: true, shiftKey: true }), 'word')).toBe('redo');
    expect(commandFor(press('y', { ctrlKey: true }), 'elsewhere')).toBe('redo');
    expect(commandFor(press('k', { ctrlKey: true }), 'elsewhere')).toBeNull();
  });

  it('are all listed', () => {
    const listed = SHORTCUT_HELP.map((s) => s.keys).join(' ');
    for (const key of ['K', 'Space', 'J', 'L', '<', '>', 'D', 'F', 'W', '/', 'Ctrl+Z']) expect(listed).toContain(key);
  });
});
