/** What the greedy CTC decoder needs to know about a Wav2Vec2 tokenizer. */
export interface CtcVocabulary {
  /** Token text by id; ids without a token are treated like special tokens. */
  readonly tokens: readonly string[];
  /** The CTC blank: `<pad>` (id 0) in Wav2Vec2 checkpoints. */
  readonly blankId: number;
  /** The word delimiter token id (`|`), or -1 when the vocabulary has none. */
  readonly delimiterId: number;
  /** Ids that never reach the transcript (`<s>`, `</s>`, `<unk>`, ...). */
  readonly specialIds: ReadonlySet<number>;
}

export function ctcVocabulary(
  vocab: ReadonlyMap<string, number>,
  { blankToken = '<pad>', delimiterToken = '|', specialTokens = ['<s>', '</s>', '<unk>'] } = {},
): CtcVocabulary {
  const tokens: string[] = [];
  for (const [token, id] of vocab) tokens[id] = token;
  const blankId = vocab.get(blankToken);
  if (blankId === undefined) throw new Error(`The tokenizer has no CTC blank token "${blankToken}".`);
  const specialIds = new Set<number>();
  for (const token of specialTokens) {
    const id = vocab.get(token);
    if (id !== undefined) specialIds.add(id);
  }
  return { tokens, blankId, delimiterId: vocab.get(delimiterToken) ?? -1, specialIds };
}
