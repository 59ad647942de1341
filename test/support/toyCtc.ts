import { ctcVocabulary } from '../../src/engine/asr/ctcVocabulary.ts';
import { frameGeometryFromConfig } from '../../src/engine/asr/frameGeometry.ts';

// A nine-token vocabulary and wav2vec2's default conv geometry: enough to drive the decoder and
// the streaming transcriber by hand, without a network.
export const vocab = ctcVocabulary(
  new Map(['<pad>', '<s>', '</s>', '<unk>', '|', 'A', 'B', 'O', 'D'].map((token, id) => [token, id] as [string, number])),
);
export const [BLANK, BOS, , , SEP, A, B, O, D] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
export const geometry = frameGeometryFromConfig({});
