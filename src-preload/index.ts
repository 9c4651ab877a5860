// Sandboxed preload entry: built to CommonJS (out/preload/index.cjs). Keep it to this call;
// the logic lives in expose.ts where it can be tested without Electron.
import { contextBridge, ipcRenderer } from 'electron'
import { exposeBridge } from './expose.js'

exposeBridge(contextBridge, ipcRenderer)
