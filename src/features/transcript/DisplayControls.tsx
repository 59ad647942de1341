import { useState } from 'react';
import { PARAGRAPH_GAP_RANGE, useWorkspaceStore, workspaceActions } from './workspaceStore.ts';

/** Sentence case and the pause that starts a paragraph: how the workspace and the exports show the words. */
export function DisplayControls() {
  const displayCase = useWorkspaceStore((s) => s.displayCase);
  const gap = useWorkspaceStore((s) => s.paragraphGapSeconds);
  const [gapText, setGapText] = useState(String(gap));
  return (
    <div className="row tools" role="group" aria-label="Display">
      <label>
        <input
          type="checkbox"
          checked={displayCase === 'sentence'}
          onChange={(e) => workspaceActions.setDisplayCase(e.target.checked ? 'sentence' : 'asTranscribed')}
        />{' '}
        Sentence case
      </label>
      <label>
        Paragraph at pauses of{' '}
        <input
          className="gap-input"
          type="number"
          min={PARAGRAPH_GAP_RANGE.min}
          max={PARAGRAPH_GAP_RANGE.max}
          step={0.1}
          value={gapText}
          onChange={(e) => {
            setGapText(e.target.value);
            workspaceActions.setParagraphGap(Number(e.target.value));
          }}
        />{' '}
        s
      </label>
    </div>
  );
}
