/**
 * `noom-server hash-password`: reads a password on stdin and prints its bcrypt hash, for
 * --admin-password-hash. At a terminal it asks twice without echoing; from a pipe it reads one line.
 */
import { hashAdminPassword, passwordProblem } from './password-hash.js'

/** Runs the command; resolves with the process exit code. */
export async function hashPasswordCommand(
  stdin: NodeJS.ReadStream = process.stdin,
  stdout: NodeJS.WriteStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<number> {
  let password: string | null
  if (stdin.isTTY) {
    password = await askHidden(stdin, stderr, 'Admin password: ')
    const again = password === null ? null : await askHidden(stdin, stderr, 'Again: ')
    if (password !== null && again !== password) {
      stderr.write('noom-server: the passwords differ\n')
      return 1
    }
  } else {
    password = firstLine(await readAll(stdin))
  }
  if (password === null) {
    stderr.write('noom-server: no password given\n')
    return 1
  }
  const problem = passwordProblem(password)
  if (problem) {
    stderr.write(`noom-server: ${problem}\n`)
    return 1
  }
  stdout.write(`${await hashAdminPassword(password)}\n`)
  return 0
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = ''
  for await (const chunk of stream) text += chunk.toString()
  return text
}

function firstLine(text: string): string | null {
  const line = text.split(/\r?\n/)[0]
  return line ? line : null
}

/** Reads one line from a terminal in raw mode, echoing nothing; null on Ctrl-C or Ctrl-D. */
function askHidden(
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WriteStream,
  prompt: string,
): Promise<string | null> {
  // Raw mode before the prompt: whatever is typed once the prompt shows must not be echoed.
  stdin.setRawMode(true)
  stderr.write(prompt)
  stdin.resume()
  stdin.setEncoding('utf8')
  return new Promise((resolve) => {
    let typed = ''
    const done = (value: string | null) => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      stderr.write('\n')
      resolve(value)
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done(typed)
        if (char === '\u0003' || char === '\u0004') return done(null)
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1)
        else typed += char
      }
    }
    stdin.on('data', onData)
  })
}
