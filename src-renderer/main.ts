import { mount } from 'svelte'
import App from './App.svelte'
import './app.css'
import { i18n } from './i18n/i18n.svelte.js'
import { bridge, desktop } from './lib/bridge.js'
import { HostStore } from './stores/host.svelte.js'
import { defaultSettings, desktopSettingsStorage, settings } from './stores/settings.svelte.js'

// The desktop app keeps settings in a file main owns; read them before the first render so the
// lobby opens with the user's name, server and language rather than flashing the defaults.
if (desktop) {
  const saved = await bridge.getSettings().catch(() => null)
  if (saved) {
    settings.useStorage(
      desktopSettingsStorage(
        saved,
        (value) => bridge.setSettings(value),
        (error) => console.warn('Noom could not save the settings', error),
      ),
      defaultSettings(),
    )
    if (settings.locale && settings.locale !== i18n.locale) i18n.setLocale(settings.locale)
  }
}

// The built-in server (desktop only) is the server while the user has none of their own; know its
// address before the lobby fills in its form.
const host = new HostStore(bridge)
if (desktop) await host.load()
settings.setFallbackServer(host.localUrl)

const target = document.getElementById('app')
if (!target) throw new Error('index.html has no #app element')

const { platform } = await bridge.getInfo()

export default mount(App, { target, props: { host, platform } })
