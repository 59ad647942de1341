import { describe, expect, it } from 'vitest';
import { keyTarget, type KeyElement } from '../../../src/features/transcript/keyTarget.ts';

const element = (tagName: string, attributes: Record<string, string> = {}, isContentEditable = false): KeyElement => ({
  tagName,
  isContentEditable,
  getAttribute: (name) => attributes[name] ?? null,
});

describe('keyTarget', () => {
  it('treats text fields, text areas, list boxes and editable content as typing', () => {
    for (const target of [element('INPUT'), element('input', { type: 'search' }), element('INPUT', { type: 'number' }), element('TEXTAREA'), element('SELECT'), element('DIV', {}, true)]) {
      expect(keyTarget(target)).toBe('typing');
    }
  });

  it('treats buttons, links, check boxes, tabs and players as controls', () => {
    for (const target of [element('BUTTON'), element('A'), element('INPUT', { type: 'checkbox' }), element('SUMMARY'), element('AUDIO'), element('VIDEO'), element('DIV', { role: 'tab' })]) {
      expect(keyTarget(target)).toBe('control');
    }
  });

  it('knows a word of the transcript, and anything else', () => {
    expect(keyTarget(element('SPAN', { 'data-testid': 'word' }))).toBe('word');
    expect(keyTarget(element('DIV'))).toBe('elsewhere');
    expect(keyTarget(null)).toBe('elsewhere');
  });
});
