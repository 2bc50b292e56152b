// Types of esm-bundle.mjs (plain JavaScript so that bin/twinbench.mjs can use it before tsx is registered).
export declare function defaultCacheDir(env?: NodeJS.ProcessEnv): string;
export declare function bundleDir(source: string, name: string, cacheDir?: string): string;
export declare function freshBundle(source: string, name: string, cacheDir?: string): string | null;
export declare function bundled(source: string, name: string, cacheDir?: string): Promise<string>;
