import { UserFacingError } from '../../../shared/errorText.ts';
export type AudioInputErrorCode = 'empty' | 'not-audio' | 'truncated' | 'unsupported' | 'corrupt' | 'too-large';

/** Extra facts that make a message more specific; every field is optional. */
export interface AudioInputErrorDetails {
  /** Why a file was taken for something other than audio. */
  notAudioReason?: 'text' | 'random-data' | 'no-audio-track';
  /** Codec name as the container states it, for 'unsupported'. */
  codec?: string;
  /** The size limit that was exceeded, for 'too-large'. */
  limitBytes?: number;
  /** The length limit that was exceeded, for 'too-large'. */
  limitSeconds?: number;
}

const FORMATS_TO_TRY = 'WAV, MP3, M4A, Ogg, Opus, FLAC or WebM';

const NOT_AUDIO_REASONS: Record<NonNullable<AudioInputErrorDetails['notAudioReason']>, string> = {
  text: 'it contains text',
  'random-data': 'it looks like random data',
  'no-audio-track': 'it has no sound track',
};

function describeLimit(details: AudioInputErrorDetails): string {
  if (details.limitBytes !== undefined) return ` (over ${Math.round(details.limitBytes / 2 ** 20)} MiB)`;
  if (details.limitSeconds !== undefined) {
    const hours = details.limitSeconds / 3600;
    return ` (longer than ${hours} hour${hours === 1 ? '' : 's'})`;
  }
  return '';
}

/** The user-facing message for a file that cannot be (fully) read: names the file and says what to try. */
export function describeAudioInputError(
  code: AudioInputErrorCode,
  fileName: string,
  details: AudioInputErrorDetails = {},
): string {
  const name = `"${fileName}"`;
  switch (code) {
    case 'empty':
      return `${name} contains no audio: it is empty or holds no samples. Choose a recording that has sound in it.`;
    case 'not-audio': {
      const reason = details.notAudioReason ? ` (${NOT_AUDIO_REASONS[details.notAudioReason]})` : '';
      return `${name} is not an audio or video file the app can read${reason}. Try a ${FORMATS_TO_TRY} file.`;
    }
    case 'unsupported': {
      const codec = details.codec ? ` (${details.codec})` : '';
      return (
        `${name} uses an audio format this browser cannot decode${codec}. ` +
        `Convert it to ${FORMATS_TO_TRY}, or open it in another browser.`
      );
    }
    case 'truncated':
      return (
        `${name} ends early: the file is incomplete, perhaps from an interrupted recording, download or copy. ` +
        `Only the part before the cut can be read. Try the complete file.`
      );
    case 'corrupt':
      return (
        `${name} is damaged: part of it could not be decoded. Anything read before the damage is kept. ` +
        `Try exporting or converting the file again.`
      );
    case 'too-large':
      return (
        `${name} is too large${describeLimit(details)} to decode in one piece, which its format needs in this browser. ` +
        `Convert it to Opus, MP3 or M4A, or split it into shorter parts.`
      );
  }
}

/** A file that cannot be read, or could be read only in part; `message` is meant for the user. */
export class AudioInputError extends UserFacingError {
  readonly code: AudioInputErrorCode;
  readonly fileName: string;

  constructor(code: AudioInputErrorCode, fileName: string, details: AudioInputErrorDetails = {}, options?: ErrorOptions) {
    super(describeAudioInputError(code, fileName, details), options);
    this.name = 'AudioInputError';
    this.code = code;
    this.fileName = fileName;
  }
}
