// A long transcript made up for benchmarks and tests: words of everyday length in sentences,
// paragraphs at pauses the workspace breaks on, a few doubtful words, deterministic from a seed.
import type { TranscribedWord } from '../../src/shared/transcript.ts';
import { DOUBT_THRESHOLD } from '../../src/features/transcript/doubt.ts';
import { seededRandom } from './seededRandom.ts';

const VOCABULARY = (
  'THE OF AND TO A IN IS IT YOU THAT HE WAS FOR ON ARE WITH AS I HIS THEY BE AT ONE HAVE THIS FROM OR HAD BY ' +
  'WORD BUT WHAT SOME WE CAN OUT OTHER WERE ALL THERE WHEN UP USE YOUR HOW SAID AN EACH SHE WHICH DO THEIR TIME ' +
  'IF WILL WAY ABOUT MANY THEN THEM WRITE WOULD LIKE SO THESE HER LONG MAKE THING SEE HIM TWO HAS LOOK MORE DAY ' +
  'COULD GO COME DID NUMBER SOUND NO MOST PEOPLE MY OVER KNOW WATER THAN CALL FIRST WHO MAY DOWN SIDE BEEN NOW ' +
  'FIND ANY NEW WORK PART TAKE GET PLACE MADE LIVE WHERE AFTER BACK LITTLE ONLY ROUND MAN YEAR CAME SHOW EVERY ' +
  'GOOD ME GIVE OUR UNDER NAME VERY THROUGH JUST FORM SENTENCE GREAT THINK SAY HELP LOW LINE DIFFER TURN CAUSE ' +
  'MUCH MEAN BEFORE MOVE RIGHT BOY OLD TOO SAME TELL DOES SET THREE WANT AIR WELL ALSO PLAY SMALL END PUT HOME ' +
  'READ HAND PORT LARGE SPELL ADD EVEN LAND HERE MUST BIG HIGH SUCH FOLLOW ACT WHY ASK MEN CHANGE WENT LIGHT ' +
  'KIND OFF NEED HOUSE PICTURE TRY US AGAIN ANIMAL POINT MOTHER WORLD NEAR BUILD SELF EARTH FATHER UNDERSTOOD ' +
  'MATHEMATICIANS ELECTRICITY FREQUENCY MEASUREMENT FASCINATING SCIENTIFIC MANAGEMENT DESTINY DIAGRAMS'
).split(' ');


export interface SyntheticOptions {
  readonly words: number;
  /** Length of the audio the words are spread over, in seconds. */
  readonly seconds: number;
  readonly seed?: number;
  /** Share of words under the doubt threshold. */
  readonly doubtfulShare?: number;
}

/**
 * `words` words in order over `seconds` of audio: sentences of 6 to 20 words with pauses of 0.3
 * to 0.8 s between them, and every 2 to 5 sentences a pause of 1.5 to 3 s, which starts a
 * paragraph. The pauses keep their length; the words and the gaps between them stretch to fill
 * the rest of the audio.
 */
export function syntheticTranscript({ words, seconds, seed = 1, doubtfulShare = 0.05 }: SyntheticOptions): TranscribedWord[] {
  const next = seededRandom(seed);
  const between = (low: number, high: number) => low + (high - low) * next();
  const drafts: Array<{ text: string; pause: number; speech: number; gap: number; confidence: number }> = [];
  let sentenceLeft = 0;
  let sentencesLeft = 0;
  for (let k = 0; k < words; k++) {
    let pause = 0;
    if (sentenceLeft === 0) {
      if (sentencesLeft === 0) {
        if (k > 0) pause = between(1.5, 3);
        sentencesLeft = 2 + Math.floor(next() * 4);
      } else {
        pause = between(0.3, 0.8);
      }
      sentenceLeft = 6 + Math.floor(next() * 15);
      sentencesLeft--;
    }
    const text = VOCABULARY[Math.floor(next() * VOCABULARY.length)];
    const doubtful = next() < doubtfulShare;
    drafts.push({
      text,
      pause,
      speech: 0.05 * text.length + between(0.05, 0.15),
      gap: between(0.02, 0.12),
      confidence: doubtful ? between(0.2, DOUBT_THRESHOLD - 0.01) : between(DOUBT_THRESHOLD, 1),
    });
    sentenceLeft--;
  }
  const pauses = drafts.reduce((sum, d) => sum + d.pause, 0);
  const speech = drafts.reduce((sum, d) => sum + d.speech + d.gap, 0);
  if (pauses >= seconds) throw new RangeError(`${words} words do not fit in ${seconds} s.`);
  const scale = (seconds - pauses) / speech;
  const ms = (value: number) => Math.round(value * 1000) / 1000;
  let at = 0;
  return drafts.map(({ text, pause, speech, gap, confidence }) => {
    at += pause;
    const word = { text, start: ms(at), end: ms(at + speech * scale), confidence: ms(confidence) };
    at += (speech + gap) * scale;
    return word;
  });
}
