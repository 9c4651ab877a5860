/**
 * A browser-shaped SDP offer for server tests that talk to a real Janus without a browser: one
 * sendonly Opus microphone and one sendonly VP8 camera (optionally in three simulcast layers), with
 * made-up ICE credentials and DTLS fingerprint. Janus answers it as it would a browser's; no media
 * flows, since no candidate is ever sent.
 */
import { randomBytes } from 'node:crypto'

export function sdpOffer(options: { simulcast?: boolean } = {}): { type: 'offer'; sdp: string } {
  const fingerprint = [...randomBytes(32)].map((b) => b.toString(16).padStart(2, '0')).join(':')
  const ufrag = randomBytes(3).toString('hex')
  const pwd = randomBytes(12).toString('hex')
  const common = [
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    `a=ice-ufrag:${ufrag}`,
    `a=ice-pwd:${pwd}`,
    'a=ice-options:trickle',
    `a=fingerprint:sha-256 ${fingerprint.toUpperCase()}`,
    'a=setup:actpass',
  ]
  const lines = [
    'v=0',
    `o=- ${Date.now()} 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1',
    'a=msid-semantic: WMS noom',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    ...common,
    'a=mid:0',
    'a=sendonly',
    'a=msid:noom mic',
    'a=rtcp-mux',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    'a=ssrc:1001 cname:noom',
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    ...common,
    'a=mid:1',
    'a=sendonly',
    'a=msid:noom cam',
    'a=rtcp-mux',
    'a=rtcp-rsize',
    'a=rtpmap:96 VP8/90000',
    'a=rtcp-fb:96 nack',
    'a=rtcp-fb:96 nack pli',
    'a=rtcp-fb:96 ccm fir',
    'a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid',
    'a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id',
    ...(options.simulcast
      ? ['a=rid:q send', 'a=rid:h send', 'a=rid:f send', 'a=simulcast:send q;h;f']
      : ['a=ssrc:2001 cname:noom']),
  ]
  return { type: 'offer', sdp: `${lines.join('\r\n')}\r\n` }
}
