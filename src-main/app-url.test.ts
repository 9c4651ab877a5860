import { describe, expect, it } from 'vitest'
import { resolveAppUrl } from './app-url.js'

const rendererIndex = '/opt/Noom/out/renderer/index.html'

describe('resolveAppUrl', () => {
  it('uses the dev server in development', () => {
    expect(
      resolveAppUrl({ isPackaged: false, devServerUrl: 'http://localhost:5173', rendererIndex }),
    ).toBe('http://localhost:5173/')
  })

  it('uses the built index.html when there is no dev server', () => {
    expect(resolveAppUrl({ isPackaged: false, devServerUrl: undefined, rendererIndex })).toBe(
      'file:///opt/Noom/out/renderer/index.html',
    )
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    expect(
      resolveAppUrl({ isPackaged: true, devServerUrl: 'https://evil.example/', rendererIndex }),
    ).toBe('file:///opt/Noom/out/renderer/index.html')
  })
})
