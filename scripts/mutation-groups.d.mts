// Types of mutation-groups.mjs for the test that checks it.
export declare const GROUPS: Readonly<Record<string, { mutate: readonly string[]; tests: readonly string[] }>>;
