import type { EditsRecord, WordBatch } from './libraryRecords.ts';

/**
 * Checks of what comes back from IndexedDB: another version of the app, a browser bug or a user
 * poking at DevTools can leave a record of the wrong shape, and one bad record must not stop the
 * library from opening. Each check returns what is wrong, or null when the record is usable.
 */
type Check = (value: unknown) => boolean;

const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isBoolean: Check = (v) => typeof v === 'boolean';
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
const oneOf =
  (...values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);

function fieldProblem(value: unknown, fields: Readonly<Record<string, Check>>): string | null {
  if (typeof value !== 'object' || value === null) return 'it is not a record';
  const record = value as Record<string, unknown>;
  for (const [name, check] of Object.entries(fields)) {
    if (!check(record[name])) return `its field "${name}" is missing or malformed`;
  }
  return null;
}

const isRecord =
  (fields: Readonly<Record<string, Check>>): Check =>
  (v) =>
    fieldProblem(v, fields) === null;

const STATES = ['running', 'done', 'interrupted', 'cancelled', 'error'] as const;

const WORD_FIELDS = { text: isString, start: isNumber, end: isNumber, confidence: isNumber };

function wordsProblem(words: unknown): string | null {
  if (!Array.isArray(words)) return 'its words are not a list';
  const bad = words.findIndex((word) => fieldProblem(word, WORD_FIELDS) !== null);
  return bad < 0 ? null : `its word ${bad} is malformed`;
}

const SOURCE_FIELDS = {
  kind: oneOf('file', 'recording'),
  name: isString,
  size: isNumber,
  type: isString,
  lastModified: isNumber,
  headSha256: nullable(isString),
  durationSeconds: nullable(isNumber),
};

const SETTINGS_FIELDS = { model: isString, dtype: nullable(isString), windowSeconds: isNumber, strideSeconds: isNumber };

export function jobRecordProblem(value: unknown): string | null {
  return fieldProblem(value, {
    id: isString,
    source: isRecord(SOURCE_FIELDS),
    settings: isRecord(SETTINGS_FIELDS),
    owner: nullable(isRecord({ tabId: isString, heartbeatAt: isNumber })),
  });
}

export function summaryProblem(value: unknown): string | null {
  return fieldProblem(value, {
    id: isString,
    name: isString,
    kind: oneOf('file', 'recording'),
    createdAt: isNumber,
    updatedAt: isNumber,
    durationSeconds: nullable(isNumber),
    committedSeconds: isNumber,
    wordCount: isNumber,
    state: oneOf(...STATES),
    message: nullable(isString),
    model: isString,
    wordsBytes: isNumber,
    editsBytes: isNumber,
    sourceFileBytes: isNumber,
    edited: isBoolean,
    deletedAt: nullable(isNumber),
  });
}

export function batchProblem(value: unknown): string | null {
  return fieldProblem(value, { jobId: isString, seq: isNumber }) ?? wordsProblem((value as WordBatch).words);
}

export function editsProblem(value: unknown): string | null {
  return fieldProblem(value, { jobId: isString, savedAt: isNumber }) ?? wordsProblem((value as EditsRecord).words);
}
