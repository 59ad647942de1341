import { SHORTCUT_HELP } from './shortcuts.ts';

/** The keyboard shortcuts, listed on request. */
export function ShortcutList() {
  return (
    <details className="shortcuts">
      <summary>Keyboard shortcuts</summary>
      <dl>
        {SHORTCUT_HELP.map(({ keys, does }) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{does}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
