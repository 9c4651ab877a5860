/**
 * What /readyz asks before it answers "ready": named checks that parts of the server register (the
 * Redis connection, for one). A load balancer stops sending new clients to a process that is not ready.
 */

/** True when the dependency it checks can serve; a throw or a rejection counts as false. */
export type ReadinessCheck = () => boolean | Promise<boolean>

/** A check that has not answered by then counts as failed, so /readyz always answers promptly. */
const CHECK_TIMEOUT_MS = 2_000

export class Readiness {
  readonly #checks = new Map<string, ReadinessCheck>()

  /**
   * Registers `check` under `name` (shown in /readyz's body when it fails, so no secrets in names).
   * Returns a function that removes it.
   */
  add(name: string, check: ReadinessCheck): () => void {
    if (this.#checks.has(name)) throw new Error(`readiness check "${name}" is already registered`)
    this.#checks.set(name, check)
    return () => {
      if (this.#checks.get(name) === check) this.#checks.delete(name)
    }
  }

  /** Runs every check at once; `failing` lists the names of those that did not pass, in order. */
  async check(): Promise<{ ready: boolean; failing: string[] }> {
    const entries = [...this.#checks]
    const results = await Promise.all(entries.map(([, check]) => passes(check)))
    const failing = entries.filter((_, i) => !results[i]).map(([name]) => name)
    return { ready: failing.length === 0, failing }
  }
}

async function passes(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS)
  })
  try {
    return (await Promise.race([Promise.resolve().then(check), timeout])) === true
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}
