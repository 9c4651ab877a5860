/**
 * English messages of the screens before a call: the lobby, its form checks and the built-in
 * server's panel. Part of `en` (en.ts), kept apart so each catalog file stays readable.
 */
export const enLobby = {
  'lobby.heading': 'Join a call',
  'lobby.server.label': 'Server address',
  'lobby.server.hint': 'The Noom server to meet on, for example https://noom.example.org',
  'lobby.nickname.label': 'Your name',
  'lobby.room.label': 'Room name',
  'lobby.password.label': 'Password (optional)',
  'lobby.password.lockedHint': 'This room is locked: enter its password.',
  'lobby.password.newRule': 'To lock a new room: at least {min} characters.',
  'lobby.more': 'More options',
  'lobby.listed.label': "List the room in this server's public rooms",
  'lobby.listed.hint':
    'Anyone using this server sees its name and how many are in it. Applies when you create the room.',
  'lobby.knock.label': 'Ask to join: a host lets each person in',
  'lobby.knock.hint': 'Applies when you create the room; hosts can change it during the call.',
  'lobby.relayOnly.label': 'Send media only through the server relay (hides your network address)',
  'lobby.relayOnly.hint': 'Needs a TURN relay on the server; calls may be slower.',
  'lobby.submit': 'Continue',
  'lobby.rooms.heading': 'Public rooms',
  'lobby.rooms.empty': 'No public rooms right now.',
  'lobby.rooms.locked': 'Locked with a password',
  'lobby.rooms.members': '{count} of {capacity} people',
  'lobby.status.idle': 'Enter a server address to see its rooms.',
  'lobby.status.connecting': 'Connecting to {server}…',
  'lobby.status.connected': 'Connected to {server}',
  'lobby.status.unreachable':
    "Can't reach the Noom server at {server}. Check the address and whether the server is running.",
  'lobby.status.refused': 'The server at {server} refused the room list: {message}',
  'lobby.status.originRefused': 'The server at {server} does not accept connections from this app.',
  'lobby.status.hostRefused':
    'The server at {server} does not answer to this address. Use the address its owner gave you.',
  'lobby.status.busy': 'The server at {server} is too busy right now. Try again later.',
  'lobby.status.keyRefused': 'Only people with its host’s invite link can join {server}.',
  'lobby.server.unencrypted': 'Unencrypted (http): others on this network could see or change it.',
  'lobby.failure.detail': 'The server said: {detail}',
  'host.heading': 'Host on this computer',
  'host.intro': 'Noom can run its own server here, so calls need no server elsewhere.',
  'host.status.stopped': 'Not running.',
  'host.status.starting': 'Starting…',
  'host.status.local': 'Running. Calls on this computer can use it.',
  'host.status.lan': 'Running. Others on your network can join at:',
  'host.status.noAddress':
    'Running, but this computer has no network address others could reach it at.',
  'host.addresses': 'Addresses on your network',
  'host.copy': 'Copy {url}',
  'host.copyShort': 'Copy',
  'host.copied': 'Copied',
  'host.copiedUrl': 'Copied {url}',
  'host.copyFailed':
    "Couldn't copy automatically. The address is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
  'host.lan.label': 'Let others on my network join',
  'host.lan.warning':
    "Anyone on your network who knows a room's name and password can join it. Use a password for private calls.",
  'host.port.label': 'Port',
  'host.port.hint': '0 picks any free port.',
  'host.port.error': 'Enter 0 or a whole number from 1024 to 65535.',
  'host.start': 'Start',
  'host.apply': 'Apply',
  'host.stop': 'Stop',
  'host.use': 'Use for this call',
  'host.inUse': 'The join form uses this server.',
  'form.error.serverUrl': 'Enter an address that starts with http:// or https://',
  'form.error.serverInsecure':
    "Noom uses plain http:// only on this computer or your local network. Use the server's https:// address.",
  'form.error.empty': 'This must not be empty.',
  'form.error.tooLong': 'This must be at most {max} characters.',
  'form.error.unprintable': 'This must not contain control or invisible characters.',
  'form.error.roomChars':
    'Use letters, digits, spaces and - _ . (starting with a letter or digit).',
  'form.error.blank': 'Use at least one letter, digit or symbol.',
  'form.error.marks': 'Too many accents or marks are stacked on one letter.',
  'form.error.reserved':
    'A name can\'t be "You" or "Host", or include (you) or (host): Noom shows those itself.',
  'form.error.mixedScripts':
    "Don't mix alphabets such as Latin and Cyrillic: the name could pass for another room's.",
  'form.error.invalid': 'This is not valid.',
  'form.error.passwordShort': 'A password that locks a room needs at least {min} characters.',
} as const satisfies Record<string, string>
