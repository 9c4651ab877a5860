// Types of ensure-electron.js (plain JS so `npm start` can run it before anything is built), for
// the TypeScript tests that import its functions.

/** The electron package as found from the project, without requiring it. */
export interface ElectronPackage {
  dir: string
  version: string
  /** Its engines.node, e.g. ">= 22.12.0". */
  requiredNode: string | undefined
  /** Absolute path of its `install-electron` bin, if it has one. */
  installer: string | undefined
}

export type Binary =
  | { state: 'present'; path: string }
  | { state: 'exec-path-missing'; path: string }
  | { state: 'missing' }

export interface Facts {
  nodeVersion: string
  skipDownload: string | undefined
  electron: ElectronPackage | undefined
  binary: Binary
}

export type StopReason =
  'no-electron' | 'exec-path-missing' | 'skipped' | 'no-installer' | 'node-too-old'
export type FailureReason = 'offline' | 'install-failed'
export type Plan =
  { action: 'none' } | { action: 'install' } | { action: 'stop'; reason: StopReason }

export function inspect(projectDir: string, env: NodeJS.ProcessEnv, nodeVersion: string): Facts
export function findBinary(packageDir: string, env: NodeJS.ProcessEnv): Binary
export function minimumNode(range: string | undefined): [number, number, number] | undefined
export function isAtLeast(version: string, minimum: readonly [number, number, number]): boolean
export function plan(facts: Facts): Plan
export function explain(reason: StopReason | FailureReason, facts: Facts, detail?: string): string
export function describeFailure(output: string): { reason: FailureReason; detail: string }
export function main(): number
