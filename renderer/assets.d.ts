// Vite bundles CSS imported from TypeScript; to the type checker such an import is just a side effect.
declare module '*.css';
