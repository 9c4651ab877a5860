/// <reference types="svelte" />
/// <reference types="vite/client" />

/** The app version, replaced at build time (electron.vite.config.ts); absent under vitest. */
declare const __NOOM_VERSION__: string | undefined
