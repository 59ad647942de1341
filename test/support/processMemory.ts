// Resident memory of the browser under test, read from /proc: every process descended from the
// bench's own (Chromium's browser, renderer, GPU and utility processes), summed.
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields resume after the last ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The bytes of each field of a process's /proc/<pid>/smaps_rollup (throws once the process is gone). */
function smapsRollup(pid: number): (field: string) => number {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  return (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0) * 1024;
}

/**
 * Proportional set size: shared pages split between the processes that map them, so a sum counts
 * each once. `allocated` leaves out the file-backed part (the browser's binary and libraries): other
 * browsers on the machine share those pages, so that part moves as they start and stop.
 */
function pssBytes(pid: number, allocated: boolean): number {
  try {
    const kB = smapsRollup(pid);
    return allocated ? kB('Pss_Anon') + kB('Pss_Shmem') : kB('Pss');
  } catch {
    return 0;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Summed RSS of the `chromium` processes that descend from `root`. */
export function chromiumRssBytes(root: number = process.pid): number {
  return sumOverChromium(root, rssBytes);
}

/** Summed proportional set size of the `chromium` processes that descend from `root`: all of it, or the `allocated` part. */
export function chromiumPssBytes(part: 'all' | 'allocated' = 'all', root: number = process.pid): number {
  return sumOverChromium(root, (pid) => pssBytes(pid, part === 'allocated'));
}

/** The `chromium` processes that descend from `root`. */
function chromiumPids(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent !== null) parents.set(pid, parent);
  }
  return [...parents.keys()].filter((pid) => {
    let ancestor: number | undefined = pid;
    while (ancestor !== undefined && ancestor !== root && ancestor > 1) ancestor = parents.get(ancestor);
    return ancestor === root && commandOf(pid).startsWith('chrom');
  });
}

function sumOverChromium(root: number, bytesOf: (pid: number) => number): number {
  return chromiumPids(root).reduce((total, pid) => total + bytesOf(pid), 0);
}

export interface ProcessPss {
  readonly pss: number;
  readonly anon: number;
  readonly file: number;
  readonly shmem: number;
}

/** A Chromium process's kind: its --type ("renderer", "gpu-process", …; the browser process has none) and utility sub-type. */
function processTypeOf(pid: number): string {
  // Zygote-forked processes rewrite their command line as one space-separated title.
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  const type = /--type=(\S+)/.exec(cmdline)?.[1] ?? 'browser';
  const subtype = /--utility-sub-type=(\S+)/.exec(cmdline)?.[1].split('.').at(-1) ?? '';
  return subtype ? `${type}:${subtype}` : type;
}

/** The Chromium processes under `root` with their kind (see processTypeOf), skipping any that end while being read. */
export function chromiumProcesses(root: number = process.pid): { pid: number; type: string }[] {
  return chromiumPids(root).flatMap((pid) => {
    try {
      return [{ pid, type: processTypeOf(pid) }];
    } catch {
      return [];
    }
  });
}

/** Proportional set size of the Chromium processes under `root`, summed by process type ("renderer", "utility:NetworkService", …). */
export function chromiumPssByType(root: number = process.pid): Map<string, ProcessPss> {
  const sums = new Map<string, ProcessPss>();
  for (const pid of chromiumPids(root)) {
    try {
      const key = processTypeOf(pid);
      const kB = smapsRollup(pid);
      const sum = sums.get(key) ?? { pss: 0, anon: 0, file: 0, shmem: 0 };
      sums.set(key, { pss: sum.pss + kB('Pss'), anon: sum.anon + kB('Pss_Anon'), file: sum.file + kB('Pss_File'), shmem: sum.shmem + kB('Pss_Shmem') });
    } catch {
      // The process ended while being read.
    }
  }
  return sums;
}

export interface ChromiumMemoryPeaks {
  readonly rssBytes: number;
  /** Summed proportional set size: what the browser under test really takes, shared pages counted once. */
  readonly pssBytes: number;
}

/** Samples the summed RSS and proportional set size every `everyMs` until stopped; keeps the peaks. */
export class ChromiumMemorySampler {
  private timer: NodeJS.Timeout;
  private peaks = { rssBytes: 0, pssBytes: 0 };

  constructor(everyMs = 250) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): ChromiumMemoryPeaks {
    const now = { rssBytes: chromiumRssBytes(), pssBytes: chromiumPssBytes() };
    this.peaks = { rssBytes: Math.max(this.peaks.rssBytes, now.rssBytes), pssBytes: Math.max(this.peaks.pssBytes, now.pssBytes) };
    return now;
  }

  get peak(): ChromiumMemoryPeaks {
    return this.peaks;
  }

  stop(): ChromiumMemoryPeaks {
    clearInterval(this.timer);
    this.sample();
    return this.peaks;
  }
}

export interface Mapping {
  /** The mapped file, a kernel name ("[heap]", "[stack]"), or "" for anonymous memory. */
  readonly name: string;
  /** Bytes of address space the mapping reserves. */
  readonly size: number;
  readonly pss: number;
  readonly anonymous: number;
}

/** The mappings of a /proc/<pid>/smaps text, in address order. */
export function parseSmaps(smaps: string): Mapping[] {
  const mappings: Mapping[] = [];
  let current: { name: string; size: number; pss: number; anonymous: number } | null = null;
  for (const line of smaps.split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S{4} [0-9a-f]+ \S+ \d+\s*(.*)$/.exec(line);
    if (header) {
      if (current) mappings.push(current);
      current = { name: header[1].trim(), size: 0, pss: 0, anonymous: 0 };
      continue;
    }
    const field = /^(Size|Pss|Anonymous):\s+(\d+) kB/.exec(line);
    if (field && current) {
      const bytes = Number(field[2]) * 1024;
      if (field[1] === 'Size') current.size = bytes;
      else if (field[1] === 'Pss') current.pss = bytes;
      else current.anonymous = bytes;
    }
  }
  if (current) mappings.push(current);
  return mappings;
}

/** The mappings of a live process (empty once it is gone). */
export function mappingsOf(pid: number): Mapping[] {
  try {
    return parseSmaps(readFileSync(`/proc/${pid}/smaps`, 'utf8'));
  } catch {
    return [];
  }
}
