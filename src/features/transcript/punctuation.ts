// Closing quotes and brackets may follow the mark: `"Stop!"` and `(see above.)` end sentences too.
const SENTENCE_END = /[.!?…]["'”’)\]]*$/u;
const CLAUSE_END = /[,;:–—]["'”’)\]]*$/u;

/** The word ends a sentence; the model writes no punctuation, so only the user's can. */
export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text);
}

export function endsClause(text: string): boolean {
  return CLAUSE_END.test(text);
}
