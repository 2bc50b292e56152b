// The error a user meets when a map file cannot be used. It always names the file, and where it can the
// feature (`features[3]`) and the line:column, so the fix can be made in an editor without guessing.

export class MapLoadError extends Error {
  override readonly name = 'MapLoadError';

  constructor(
    readonly fileName: string,
    readonly reason: string,
    readonly featureIndex?: number,
    readonly line?: number,
    readonly column?: number,
  ) {
    const where = line === undefined ? fileName : `${fileName}:${line}:${column ?? 1}`;
    const what = featureIndex === undefined ? '' : `features[${featureIndex}]: `;
    super(`${where}: ${what}${reason}`);
  }
}
