// What the watched household's speaker says, as the speech bubbles show it (on the device screens and on the map,
// above the home): the line while it is spoken, then kept LINGER_MS of wall time marked as said, so a fast run
// still shows it for a few seconds; then nothing.
import { useEffect, useState } from 'react';
import type { SpeakerStatus } from '../../protocol';
import { useAppState } from '../app/ModelContext';

/** How long a spoken line stays on after the speaker falls silent (wall ms), so a fast run still shows it. */
export const LINGER_MS = 6_000;

export interface SpokenLine {
  text: string;
  /** The speaker's address (`home/h1/media_player.speaker`). */
  address: string;
  /** Being spoken now (false: said, lingering). */
  live: boolean;
}

export function useSpokenLine(): SpokenLine | null {
  const speaker = useAppState((s) => s.snapshot?.household?.speaker ?? null, sameSpeech);
  const [last, setLast] = useState<{ text: string; address: string } | null>(null);
  const [lingering, setLingering] = useState(false);
  const speaking = speaker?.speaking ?? null;
  useEffect(() => {
    if (speaking !== null && speaker !== null) {
      setLast({ text: speaking, address: speaker.address });
      setLingering(false);
      return undefined;
    }
    setLingering(true);
    const timer = setTimeout(() => setLast(null), LINGER_MS);
    return () => clearTimeout(timer);
  }, [speaking, speaker]);
  return last === null ? null : { ...last, live: speaking !== null && !lingering };
}

function sameSpeech(a: SpeakerStatus | null, b: SpeakerStatus | null): boolean {
  return a?.speaking === b?.speaking && a?.address === b?.address && a?.since === b?.since;
}

/** The home a speaker belongs to (`home/h1/media_player.speaker` → `h1`), where the map draws its bubble. */
export function homeOfSpeaker(address: string): string | undefined {
  return /^home\/([^/]+)\//.exec(address)?.[1];
}
