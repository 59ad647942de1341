// webvtt-parser (the W3C's validator) ships no types; these cover what the export tests use.
declare module 'webvtt-parser' {
  export interface CueNode {
    readonly type?: 'text' | 'object' | 'timestamp';
    readonly name?: string;
    readonly value?: string;
    readonly children?: readonly CueNode[];
  }
  export interface ParsedCue {
    readonly startTime: number;
    readonly endTime: number;
    readonly text: string;
    readonly tree: CueNode;
  }
  export interface ParseError {
    readonly message: string;
    readonly line: number;
    readonly col?: number;
  }
  export class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(input: string, mode?: 'metadata' | 'chapters'): { cues: ParsedCue[]; errors: ParseError[] };
  }
  const webvtt: { WebVTTParser: typeof WebVTTParser };
  export default webvtt;
}
