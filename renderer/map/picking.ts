// The map's layers (MapLayers) take their pointer events from one element, so each layer's canvas sees every click.
// A car is drawn over everything else, so a click that picks a car must not also pick the home under it: the cars'
// layer's picker (in the canvas created first: MapLayers) handles each click first and claims the events it used.
const claimed = new WeakSet<Event>();

export function claimPick(event: Event): void {
  claimed.add(event);
}

export function isClaimed(event: Event): boolean {
  return claimed.has(event);
}
