// The speaker's spoken answer as a speech bubble on the map, above the home that speaks (issue 18: the story is told
// on the map). One HTML element, rendered only while a line is live or lingering (useSpokenLine), and placed by the
// map's frame loop like the name tags, so it follows the camera without React state per frame. The device screens'
// bubble is the one announced to screen readers; this one repeats it for the eye, so it is hidden from them.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Vector3 } from 'three';
import { homeOfSpeaker, useSpokenLine } from '../state/use-spoken-line';
import type { Placer } from './MessageArcs';

/** Where the overlay's element is, for the frame loop; written by the element's ref. */
export interface SpeechSlot {
  el: HTMLElement | null;
  /** The map's frame loop asks for a frame: a bubble that appears while nothing moves still needs placing. */
  redraw?: () => void;
}

/** The point the bubble stands on: where the home's name tag stands (LabelProjector's lift, in symbol units)... */
const LIFT = 2.2;
/** ...raised by the tag's height and the tail, in pixels, so the bubble sits on top of the tag at any zoom. */
const ABOVE_TAG_PX = 28;

export function SpeechBubbleOnMap({ slot }: { slot: SpeechSlot }) {
  const line = useSpokenLine();
  const home = line === null ? undefined : homeOfSpeaker(line.address);
  if (line === null || home === undefined) return null;
  return (
    <div className="map-labels map-speech-layer" aria-hidden="true">
      <figure className={`map-speech${line.live ? ' live' : ''}`} data-testid="map-speech" data-home={home} data-speaking={line.live}
        style={{ visibility: 'hidden' }} ref={(el) => {
          slot.el = el;
          slot.redraw?.();
        }}>
        <span data-testid="map-speech-text">“{line.text}”</span>
      </figure>
    </div>
  );
}

/** Inside the canvas hosting the map's frame loop: keeps the bubble over its home as the camera moves. */
export function SpeechProjector({ slot, placer, unit }: { slot: SpeechSlot; placer: Placer; unit: number }) {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    slot.redraw = () => invalidate();
    return () => void (slot.redraw = undefined);
  }, [slot, invalidate]);
  const point = new Vector3();
  useFrame(({ camera, size }) => {
    const el = slot.el;
    const home = el?.dataset['home'];
    if (el == null || home === undefined) return;
    const at = placer({ home });
    if (at === undefined) return;
    point.set(at[0], LIFT * unit, at[1]).project(camera);
    const visible = point.z < 1 && Math.abs(point.x) <= 1.05 && Math.abs(point.y) <= 1.05;
    el.style.visibility = visible ? 'visible' : 'hidden';
    el.style.transform = `translate(${Math.round(((point.x + 1) / 2) * size.width)}px, ${Math.round(((1 - point.y) / 2) * size.height)}px) translate(-50%, calc(-100% - ${ABOVE_TAG_PX}px))`;
  });
  return null;
}
