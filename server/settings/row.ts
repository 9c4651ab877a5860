/** What a row of the settings table (settings-table.ts) holds. */
import type { z } from 'zod'

/** A row of the table, but for how its text is parsed (which fixes the value's type). */
export interface SettingInfo<T> {
  flag: string
  env: string
  /** Other env vars read after `env`, as platforms set them (`PORT`). */
  envAliases?: readonly string[]
  /** Placeholder for the value in --help; empty for flags that take none. */
  placeholder: string
  help: string
  /** The value when none is given, for noom-server and createRendezvousServer alike. */
  default?: T
  /**
   * createRendezvousServer's default where it differs from noom-server's: a program that embeds the
   * server (the desktop app, tests) serves only this machine unless it says otherwise.
   */
  libraryDefault?: T
  /** How --help shows the default, where not as the value itself. */
  shown?: string
  /** Flags that take no value. */
  boolean?: true
  /** Never echoed back in an error. */
  secret?: true
}

export interface Setting<T> extends SettingInfo<T> {
  /** Parses and checks the text a flag, an env var or the config file gives. */
  parse: z.ZodType<T, string>
}

/** A row; its type keeps which fields it has, so a setting with a default is never undefined. */
export function setting<T, R extends SettingInfo<T>>(parse: z.ZodType<T, string>, info: R) {
  return { parse, ...info }
}
