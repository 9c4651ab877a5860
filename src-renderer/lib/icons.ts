/**
 * Icon shapes on a 24×24 grid, drawn as strokes in the current text colour (Icon.svelte renders
 * them). Kept as path data so icons cost a few bytes each and need no font or image requests.
 */
export const ICONS = {
  mic: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21',
  'mic-off':
    'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M3 3l18 18',
  camera: 'M3 7h12v10H3zM15 10.5l6-3.5v10l-6-3.5',
  'camera-off': 'M3 7h12v10H3zM15 10.5l6-3.5v10l-6-3.5M3 3l18 18',
  screen: 'M3 4h18v12H3zM8 20h8M12 16v4',
  devices:
    'M4 7h9M17 7h3M4 17h3M11 17h9M17 7a2 2 0 1 1-4 0a2 2 0 1 1 4 0M11 17a2 2 0 1 1-4 0a2 2 0 1 1 4 0',
  chat: 'M4 5h16v11H10l-6 4z',
  people:
    'M9 11a3 3 0 1 0 0-6a3 3 0 0 0 0 6zM3 20a6 6 0 0 1 12 0M15.5 5.2a3 3 0 0 1 0 5.6M21 20a6 6 0 0 0-3.5-5.4',
  leave: 'M10 4H5v16h5M14 8l4 4-4 4M18 12H9',
  lock: 'M6 11h12v9H6zM9 11V8a3 3 0 0 1 6 0v3',
  close: 'M6 6l12 12M18 6L6 18',
  retry: 'M4 12a8 8 0 1 0 2.4-5.7M4 4v5h5',
  send: 'M4 12l16-8-6 16-2.5-6.5z',
  down: 'M12 5v14M6 13l6 6 6-6',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  more: 'M12 5.5v.01M12 12v.01M12 18.5v.01',
  crown: 'M4 18h16M5 15l-1-9 5 4 3-6 3 6 5-4-1 9z',
} as const satisfies Record<string, string>

export type IconName = keyof typeof ICONS
