import { defineConfig, devices } from '@playwright/test'

/** Chromium flags: fake camera and microphone without prompts, and no background traffic. */
const chromiumArgs = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  // Remote audio plays in <audio autoplay>; a person's click on Join allows that, a test's may not.
  '--autoplay-policy=no-user-gesture-required',
]

export default defineConfig({
  testDir: 'tests/e2e',
  // Suites start real servers and real calls; one worker keeps timings honest on small machines.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  reporter: process.env['CI'] ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    headless: true,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: 'electron.spec.ts',
      use: {
        ...devices['Desktop Chrome'],
        // Debian's Chromium: Playwright's own browser download is not available here.
        launchOptions: {
          executablePath: process.env['NOOM_CHROMIUM'] ?? '/usr/bin/chromium',
          args: chromiumArgs,
        },
      },
    },
    {
      name: 'electron',
      testMatch: 'electron.spec.ts',
    },
  ],
})
