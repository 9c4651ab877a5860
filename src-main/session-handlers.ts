// The default session's handlers: permission requests and checks, devices, and display media.
// Thin Electron glue that reshapes Electron's arguments; the decisions are in permissions.ts and
// screen-picker.ts, tested without Electron.
import type { Session } from 'electron'
import { displayMediaHandlerOptions } from './capture-sources.js'
import { decideDevicePermission, decidePermission, decidePermissionCheck } from './permissions.js'
import type { ScreenPicker } from './screen-picker.js'

/** Installs every handler on `ses`, granting only what a call needs, and only to `appOrigin`. */
export function installSessionHandlers(
  ses: Session,
  appOrigin: string,
  picker: ScreenPicker,
): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(
      decidePermission(
        {
          permission,
          requestingUrl: details.requestingUrl,
          isMainFrame: details.isMainFrame,
          ...('mediaTypes' in details && details.mediaTypes
            ? { mediaTypes: details.mediaTypes }
            : {}),
        },
        appOrigin,
      ),
    )
  })
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermissionCheck(
      {
        permission,
        requestingOrigin,
        isMainFrame: details.isMainFrame,
        ...(details.mediaType ? { mediaType: details.mediaType } : {}),
        ...(details.embeddingOrigin ? { embeddingOrigin: details.embeddingOrigin } : {}),
      },
      appOrigin,
    ),
  )
  ses.setDevicePermissionHandler(() => decideDevicePermission())
  ses.setDisplayMediaRequestHandler(
    (request, callback) =>
      picker.handleRequest(
        { securityOrigin: request.securityOrigin, audioRequested: request.audioRequested },
        callback,
      ),
    displayMediaHandlerOptions(process.platform, process.getSystemVersion()),
  )
}
