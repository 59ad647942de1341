import type { LockRequests } from '../../src/features/library/jobOwnership.ts';

/**
 * Web Locks for Node, which has none: exclusive locks by name, shared by every "tab" (library
 * instance) handed the same manager, with `ifAvailable` and `query()` as the browser has them.
 */
export class FakeLockManager implements LockRequests {
  private readonly held = new Set<string>();

  async request<T>(name: string, _options: { ifAvailable: true }, callback: (lock: Lock | null) => Promise<T> | T): Promise<T> {
    if (this.held.has(name)) return callback(null);
    this.held.add(name);
    try {
      return await callback({ name, mode: 'exclusive' });
    } finally {
      this.held.delete(name);
    }
  }

  async query(): Promise<LockManagerSnapshot> {
    return { held: [...this.held].map((name) => ({ name, mode: 'exclusive', clientId: 'node' })), pending: [] };
  }
}
