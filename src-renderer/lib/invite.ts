/** The join link for a room: the server's page with the room named, as the lobby reads it back. */
export function inviteLink(server: string, room: string): string {
  return `${server.replace(/\/+$/, '')}/?room=${encodeURIComponent(room)}`
}
