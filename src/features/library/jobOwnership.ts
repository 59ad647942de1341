import type { JobOwner, JobRecord } from './libraryRecords.ts';

/** The part of the Web Locks API (`navigator.locks`) the library uses. */
export interface LockRequests {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: Lock | null) => Promise<T> | T): Promise<T>;
  query(): Promise<LockManagerSnapshot>;
}

/** This tab's hold on a running job. */
export interface OwnershipClaim {
  /** Called as the job makes progress: keeps a heartbeat fresh where there are no locks. */
  touch(): void;
  /** Lets another tab take the job (it finished or stopped here). */
  release(): Promise<void>;
}

/** Decides which tab runs which job, so two tabs never append to the same transcript. */
export interface JobOwnership {
  readonly kind: 'web-locks' | 'heartbeat' | 'this-tab';
  /** The owner a new job's record starts with. */
  newOwner(): JobOwner | null;
  /** Holds a job this tab has just created, whose id no other tab knows yet. */
  claimNew(jobId: string): Promise<OwnershipClaim>;
  /** Holds an existing job, or gives null when another live tab holds it. */
  claim(jobId: string): Promise<OwnershipClaim | null>;
  ownsHere(jobId: string): boolean;
  /** Which of these jobs (with their records, where read) a live tab other than this one holds. */
  ownedElsewhere(jobs: ReadonlyMap<string, JobRecord | null>): Promise<Set<string>>;
  /**
   * Runs `write` for a job no live tab holds, or gives null when one does. `write` gets the rule
   * to apply to the job record inside its own transaction: with locks the lock already decides;
   * with heartbeats the owner's heartbeat must be stale.
   */
  ifUnowned<T>(jobId: string, write: (ownerGone: (job: JobRecord | null) => boolean) => Promise<T>): Promise<T | null>;
  /** Lets go of every job as the page going away would: locks are freed, heartbeats simply stop. */
  abandonAll(): Promise<void>;
}

const lockName = (jobId: string) => `transcript-library/job/${jobId}`;

const noTouch = () => {};

/** Where the browser has Web Locks: a job's lock lives exactly as long as its tab, crash or not. */
export class WebLockOwnership implements JobOwnership {
  readonly kind = 'web-locks';
  private readonly held = new Map<string, OwnershipClaim>();

  constructor(private readonly locks: LockRequests) {}

  newOwner(): null {
    return null;
  }

  async claimNew(jobId: string): Promise<OwnershipClaim> {
    // A fresh id is held by no one, so null here means the Lock API itself failed (a sandboxed
    // frame): the job still runs, unguarded, rather than not being saved at all.
    return (await this.claim(jobId)) ?? { touch: noTouch, release: async () => {} };
  }

  claim(jobId: string): Promise<OwnershipClaim | null> {
    return new Promise((resolve) => {
      let letGo = () => {};
      const granted = this.locks.request(lockName(jobId), { ifAvailable: true }, (lock) => {
        if (lock === null) return null;
        return new Promise<void>((done) => {
          letGo = done;
          const claim: OwnershipClaim = {
            touch: noTouch,
            release: async () => {
              this.held.delete(jobId);
              letGo();
              await granted;
            },
          };
          this.held.set(jobId, claim);
          resolve(claim);
        });
      });
      granted.then(
        (result) => {
          if (result === null) resolve(null);
        },
        () => resolve(null),
      );
    });
  }

  ownsHere(jobId: string): boolean {
    return this.held.has(jobId);
  }

  async ownedElsewhere(jobs: ReadonlyMap<string, JobRecord | null>): Promise<Set<string>> {
    const snapshot = await this.locks.query();
    const heldNames = new Set((snapshot.held ?? []).map((lock) => lock.name));
    return new Set([...jobs.keys()].filter((id) => !this.held.has(id) && heldNames.has(lockName(id))));
  }

  async ifUnowned<T>(jobId: string, write: (ownerGone: (job: JobRecord | null) => boolean) => Promise<T>): Promise<T | null> {
    const ran = await this.locks.request(lockName(jobId), { ifAvailable: true }, async (lock) =>
      lock === null ? null : { value: await write(() => true) },
    );
    return ran === null ? null : ran.value;
  }

  async abandonAll(): Promise<void> {
    await Promise.all([...this.held.values()].map((claim) => claim.release()));
  }
}

export interface HeartbeatStore {
  /** Sets the owner if `isFree` holds for the stored job, atomically; tells whether it did. */
  claimOwner(jobId: string, owner: JobOwner, isFree: (job: JobRecord) => boolean): Promise<boolean>;
  /** Sets the owner (or clears it) while `tabId` still is the owner. */
  setOwner(jobId: string, tabId: string, owner: JobOwner | null): Promise<void>;
}

export interface HeartbeatTiming {
  readonly heartbeatMs: number;
  /**
   * How old a heartbeat may be before its tab counts as gone. Browsers throttle timers of hidden
   * tabs to about one a minute, so this must be well over a minute or a busy background tab would
   * lose its job.
   */
  readonly staleOwnerMs: number;
}

/**
 * Where there are no Web Locks: the job record names its tab and the time it last beat. The tab
 * beats on a timer and as the job makes progress; a record whose beat is stale is free to claim.
 */
export class HeartbeatOwnership implements JobOwnership {
  readonly kind = 'heartbeat';
  private readonly held = new Map<string, { claim: OwnershipClaim; stop: () => void }>();

  constructor(
    private readonly store: HeartbeatStore,
    private readonly tabId: string,
    private readonly now: () => number,
    private readonly timing: HeartbeatTiming,
  ) {}

  newOwner(): JobOwner {
    return { tabId: this.tabId, heartbeatAt: this.now() };
  }

  private isGone(owner: JobOwner | null): boolean {
    return owner === null || this.now() - owner.heartbeatAt > this.timing.staleOwnerMs;
  }

  async claimNew(jobId: string): Promise<OwnershipClaim> {
    return this.hold(jobId);
  }

  async claim(jobId: string): Promise<OwnershipClaim | null> {
    if (this.held.has(jobId)) return null;
    const won = await this.store.claimOwner(jobId, this.newOwner(), (job) => this.isGone(job.owner)).catch(() => false);
    return won ? this.hold(jobId) : null;
  }

  private hold(jobId: string): OwnershipClaim {
    let lastBeat = this.now();
    const beat = () => {
      lastBeat = this.now();
      // A failed beat only risks the job looking stale; the write queue reports storage trouble.
      void this.store.setOwner(jobId, this.tabId, this.newOwner()).catch(() => {});
    };
    const timer = setInterval(beat, this.timing.heartbeatMs);
    const stop = () => {
      clearInterval(timer);
      this.held.delete(jobId);
    };
    const claim: OwnershipClaim = {
      touch: () => {
        if (this.now() - lastBeat >= this.timing.heartbeatMs) beat();
      },
      release: async () => {
        stop();
        await this.store.setOwner(jobId, this.tabId, null).catch(() => {});
      },
    };
    this.held.set(jobId, { claim, stop });
    return claim;
  }

  ownsHere(jobId: string): boolean {
    return this.held.has(jobId);
  }

  async ownedElsewhere(jobs: ReadonlyMap<string, JobRecord | null>): Promise<Set<string>> {
    const elsewhere = new Set<string>();
    for (const [id, job] of jobs) {
      if (!this.held.has(id) && job !== null && !this.isGone(job.owner)) elsewhere.add(id);
    }
    return elsewhere;
  }

  async ifUnowned<T>(jobId: string, write: (ownerGone: (job: JobRecord | null) => boolean) => Promise<T>): Promise<T | null> {
    if (this.held.has(jobId)) return null;
    return write((job) => job === null || this.isGone(job.owner));
  }

  async abandonAll(): Promise<void> {
    for (const { stop } of [...this.held.values()]) stop();
  }
}

/** With no database to share and no locks, no other tab can see this tab's jobs. */
export class ThisTabOwnership implements JobOwnership {
  readonly kind = 'this-tab';
  private readonly held = new Set<string>();

  newOwner(): null {
    return null;
  }

  async claimNew(jobId: string): Promise<OwnershipClaim> {
    return this.hold(jobId);
  }

  async claim(jobId: string): Promise<OwnershipClaim | null> {
    return this.held.has(jobId) ? null : this.hold(jobId);
  }

  private hold(jobId: string): OwnershipClaim {
    this.held.add(jobId);
    return { touch: noTouch, release: async () => void this.held.delete(jobId) };
  }

  ownsHere(jobId: string): boolean {
    return this.held.has(jobId);
  }

  async ownedElsewhere(): Promise<Set<string>> {
    return new Set();
  }

  async ifUnowned<T>(jobId: string, write: (ownerGone: (job: JobRecord | null) => boolean) => Promise<T>): Promise<T | null> {
    return this.held.has(jobId) ? null : write(() => true);
  }

  async abandonAll(): Promise<void> {
    this.held.clear();
  }
}
