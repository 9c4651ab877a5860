import { describe, expect, it } from 'vitest'
import { resolveAppUrl } from './app-url.js'

describe('resolveAppUrl', () => {
  it('uses the dev server in development', () => {
    expect(resolveAppUrl({ isPackaged: false, devServerUrl: 'http://localhost:5173' })).toBe(
      'http://localhost:5173/',
    )
  })

  it('uses the built renderer on app://noom when there is no dev server', () => {
    expect(resolveAppUrl({ isPackaged: false, devServerUrl: undefined })).toBe(
      'app://noom/index.html',
    )
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    expect(resolveAppUrl({ isPackaged: true, devServerUrl: 'https://evil.example/' })).toBe(
      'app://noom/index.html',
    )
  })
})
