/**
 * The Admin UI's web app, served by this server under its own CSP. The package's page loads Roboto
 * and the Material Design Icons from two CDNs, which that CSP (rightly) blocks; we serve the same
 * fonts from npm packages instead and point the page at them, so nothing loads from another host.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { createStaticHandler, type StaticHandler } from '../http/static.js'

/** The HTTP path the web app is served at. */
export const ADMIN_UI_PATH = '/admin'

const GOOGLE_ROBOTO = /^https:\/\/fonts\.googleapis\.com\/css\?family=Roboto:([\d,]+)$/
const JSDELIVR_MDI =
  /^https:\/\/cdn\.jsdelivr\.net\/npm\/@mdi\/font@[^/]+\/css\/materialdesignicons(?:\.min)?\.css$/
const ROBOTO_PATH = 'fonts/roboto'
const ICONS_PATH = 'fonts/mdi'
const FONT_FILES = ['.css', '.woff2', '.woff', '.ttf', '.eot']

const require = createRequire(import.meta.url)

/**
 * The handler serving the web app and its fonts under /admin/, or null when the package ships no
 * web app.
 */
export function adminPageHandler(): StaticHandler | null {
  const ui = join(dirname(require.resolve('@socket.io/admin-ui/package.json')), 'ui', 'dist')
  if (!existsSync(join(ui, 'index.html'))) return null
  const handlers = [
    createStaticHandler(ui, { prefix: ADMIN_UI_PATH, rewriteHtml: selfHostedFonts }),
    // @fontsource/roboto: one stylesheet per weight (400.css) beside its files/ folder.
    createStaticHandler(dirname(require.resolve('@fontsource/roboto/400.css')), {
      prefix: `${ADMIN_UI_PATH}/${ROBOTO_PATH}`,
      only: FONT_FILES,
    }),
    // @mdi/font: css/materialdesignicons.min.css, which loads ../fonts/.
    createStaticHandler(
      dirname(dirname(require.resolve('@mdi/font/css/materialdesignicons.min.css'))),
      { prefix: `${ADMIN_UI_PATH}/${ICONS_PATH}`, only: FONT_FILES },
    ),
  ]
  return async (req, res) => {
    for (const handler of handlers) if (await handler(req, res)) return true
    return false
  }
}

const stylesheet = (href: string) => `<link rel="stylesheet" href="${href}">`

/**
 * The page with its CDN stylesheets replaced by ours (relative, like its own assets). Any other
 * outside stylesheet stays, and the CSP blocks it: the admin test fails on it.
 */
export function selfHostedFonts(html: string): string {
  return html.replace(/<link rel="?stylesheet"? href="?(https:\/\/[^">\s]+)"?>/g, (tag, url) => {
    const href = String(url)
    // `Roboto:100,300,…`: @fontsource/roboto has one stylesheet per weight, of the same faces.
    const weights = GOOGLE_ROBOTO.exec(href)?.[1]?.split(',')
    if (weights) return weights.map((w) => stylesheet(`${ROBOTO_PATH}/${w}.css`)).join('')
    if (JSDELIVR_MDI.test(href)) return stylesheet(`${ICONS_PATH}/css/materialdesignicons.min.css`)
    return tag
  })
}
