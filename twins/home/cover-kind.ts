// A cover is a window or a curtain/blind by its entity id (`cover.living_room_window`), the convention Home
// Assistant users follow and the scenario files use. Opening a window is a security matter; a curtain is not.
export function isWindowCover(twinIdOrEntity: string): boolean {
  const entity = twinIdOrEntity.split('/').pop() ?? '';
  return entity.startsWith('cover.') && entity.includes('window');
}
