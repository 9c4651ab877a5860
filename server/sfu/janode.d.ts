/**
 * Types for the part of janode 1.8 (Meetecho's Janus adapter, plain JavaScript) that server/sfu
 * uses: a WebSocket connection with its API secret, one session, VideoRoom handles. Written from
 * janode's sources (src/janode.js, connection.js, session.js, handle.js, plugins/videoroom-plugin.js).
 */
declare module 'janode' {
  import type { EventEmitter } from 'node:events'

  export interface Jsep {
    type: 'offer' | 'answer'
    sdp: string
    e2ee?: boolean
  }

  export interface Candidate {
    candidate: string
    sdpMid?: string | null
    sdpMLineIndex?: number | null
  }

  export interface JanodeConfig {
    address: { url: string; apisecret?: string } | { url: string; apisecret?: string }[]
    retry_time_secs?: number
    max_retries?: number
    is_admin?: boolean
  }

  export interface Handle extends EventEmitter {
    readonly id: number
    trickle(candidate: Candidate): Promise<void>
    trickleComplete(): Promise<void>
    /** A plugin request; resolves with Janus's reply (its plugindata and jsep). */
    message(body: Record<string, unknown>, jsep?: Jsep): Promise<unknown>
    detach(): Promise<void>
    hangup(): Promise<void>
  }

  export interface Session extends EventEmitter {
    readonly id: number
    attach<H extends Handle>(plugin: {
      id: string
      Handle: new (...args: never[]) => H
    }): Promise<H>
    destroy(): Promise<void>
  }

  export interface Connection extends EventEmitter {
    create(ka_interval?: number): Promise<Session>
    close(): Promise<void>
  }

  const Janode: {
    connect(config: JanodeConfig): Promise<Connection>
    EVENT: {
      CONNECTION_CLOSED: 'connection_closed'
      CONNECTION_ERROR: 'connection_error'
      SESSION_DESTROYED: 'session_destroyed'
      HANDLE_DETACHED: 'handle_detached'
      HANDLE_HANGUP: 'handle_hangup'
      HANDLE_WEBRTCUP: 'handle_webrtcup'
      HANDLE_MEDIA: 'handle_media'
      HANDLE_ICE_FAILED: 'handle_ice_failed'
    }
    Logger: { setLevel(level: 'debug' | 'verb' | 'info' | 'warn' | 'error' | 'none'): string }
  }
  export default Janode
}

declare module 'janode/plugins/videoroom' {
  import type { Handle, Jsep } from 'janode'

  /** One stream of a publisher, as Janus lists it. */
  export interface PublishedStream {
    type: 'audio' | 'video' | 'data'
    mindex: number
    mid: string
    disabled?: boolean
    codec?: string
    simulcast?: boolean
    description?: string
  }

  export interface Publisher {
    feed: string
    display?: string
    streams?: PublishedStream[]
  }

  /** One stream of a subscription, as Janus lists it. */
  export interface SubscribedStream {
    type: 'audio' | 'video' | 'data'
    mindex: number
    mid: string
    active?: boolean
    feed_id?: string
    feed_mid?: string
    feed_display?: string
    send?: boolean
  }

  export interface VideoRoomHandle extends Handle {
    create(params: {
      room: string
      description?: string
      max_publishers?: number
      permanent?: boolean
      is_private?: boolean
      secret?: string
      bitrate?: number
      fir_freq?: number
      audiocodec?: string
      videocodec?: string
      notify_joining?: boolean
    }): Promise<{ room: string; permanent: boolean }>
    destroy(params: { room: string; secret?: string }): Promise<{ room: string }>
    exists(params: { room: string }): Promise<{ room: string; exists: boolean }>
    list(): Promise<{ list: { room: string; num_participants: number }[] }>
    kick(params: { room: string; feed: string; secret?: string }): Promise<unknown>
    joinConfigurePublisher(params: {
      room: string
      feed?: string
      display?: string
      audio?: boolean
      video?: boolean
      bitrate?: number
      descriptions?: { mid: string; description: string }[]
      jsep: Jsep
    }): Promise<{ feed: string; jsep?: Jsep; publishers: Publisher[] }>
    configure(params: {
      jsep?: Jsep
      streams?: { mid: string; substream?: number; temporal?: number; send?: boolean }[]
      descriptions?: { mid: string; description: string }[]
      restart?: boolean
    }): Promise<{ jsep?: Jsep }>
    joinSubscriber(params: {
      room: string
      streams: { feed: string; mid?: string }[]
      autoupdate?: boolean
      use_msid?: boolean
    }): Promise<{ jsep?: Jsep; streams?: SubscribedStream[] }>
    start(params: { jsep: Jsep }): Promise<unknown>
    update(params: {
      subscribe?: { feed: string; mid?: string }[]
      unsubscribe?: { feed: string; mid?: string }[]
    }): Promise<{ jsep?: Jsep; streams?: SubscribedStream[] }>
    leave(): Promise<unknown>
  }

  const VideoRoomPlugin: {
    id: 'janus.plugin.videoroom'
    Handle: new (...args: never[]) => VideoRoomHandle
    EVENT: {
      VIDEOROOM_PUB_PEER_JOINED: string
      VIDEOROOM_PUB_LIST: string
      VIDEOROOM_UNPUBLISHED: string
      VIDEOROOM_LEAVING: string
      VIDEOROOM_UPDATED: string
      VIDEOROOM_DESTROYED: string
      VIDEOROOM_KICKED: string
      VIDEOROOM_ERROR: string
    }
  }
  export default VideoRoomPlugin
}
