import { useRef, useState, type ReactNode } from 'react';
import { tabAfterKey } from './tabKeys.ts';

export interface TabSpec {
  readonly id: string;
  readonly label: string;
  readonly content: ReactNode;
}

/**
 * Tabs with the ARIA tab pattern: one tab stop, arrow keys and Home/End move and select. Every
 * panel stays mounted (hidden when not selected), so what runs inside keeps running.
 */
export function Tabs({ label, tabs }: { label: string; tabs: readonly TabSpec[] }) {
  const [selected, setSelected] = useState(tabs[0].id);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const at = tabs.findIndex((tab) => tab.id === selected);

  return (
    <div className="tabs">
      <div
        role="tablist"
        aria-label={label}
        className="tablist"
        onKeyDown={(event) => {
          const next = tabAfterKey(at, event.key, tabs.length);
          if (next === null) return;
          event.preventDefault();
          setSelected(tabs[next].id);
          buttons.current.get(tabs[next].id)?.focus();
        }}
      >
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(element) => {
              if (element !== null) buttons.current.set(tab.id, element);
              else buttons.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => setSelected(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab.id} role="tabpanel" id={`panel-${tab.id}`} aria-labelledby={`tab-${tab.id}`} hidden={tab.id !== selected} tabIndex={0} className="tabpanel">
          {tab.content}
        </div>
      ))}
    </div>
  );
}
