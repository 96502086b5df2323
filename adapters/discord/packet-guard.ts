import type { Logger } from '../../src/index.ts'
import type { Client } from 'discord.js'

const DROPPED = 'DOCUQUERY_MALFORMED'

type Packet = { t?: unknown; d?: unknown }

/**
 * discord.js handles a gateway dispatch in an async callback: a malformed
 * INTERACTION_CREATE (say, `data: null`) throws there and becomes an unhandled
 * rejection, which stops a Node process. The raw event is emitted first with
 * the same packet object, so malformed packets of the kinds this bot consumes
 * are renamed here, and discord.js has no handler for the new name.
 */
export function guardPackets(client: Client, logger: Logger): void {
  client.on('raw', (packet: Packet) => {
    const problem = malformed(packet)
    if (!problem) return
    logger.warn({ event: packet.t, problem }, 'ignoring a malformed Discord event')
    packet.t = DROPPED
  })
}

function malformed(packet: Packet): string | null {
  const d = packet.d as Record<string, unknown> | null | undefined
  if (packet.t !== 'MESSAGE_CREATE' && packet.t !== 'INTERACTION_CREATE') return null
  if (!d || typeof d !== 'object' || typeof d.id !== 'string') return 'no id'
  if (typeof d.channel_id !== 'string' && packet.t === 'MESSAGE_CREATE') return 'no channel'
  if (packet.t === 'MESSAGE_CREATE') {
    const author = d.author as Record<string, unknown> | null | undefined
    if (!author || typeof author.id !== 'string') return 'no author'
    if (d.attachments !== undefined && !Array.isArray(d.attachments)) return 'attachments is not a list'
    if (d.mentions !== undefined && !Array.isArray(d.mentions)) return 'mentions is not a list'
    return null
  }
  if (typeof d.type !== 'number' || typeof d.token !== 'string' || typeof d.application_id !== 'string') return 'no type, token or application'
  // Application commands, components, autocomplete and modals all carry a data object.
  if (d.type !== 1 && (!d.data || typeof d.data !== 'object')) return 'no data'
  if (!d.user && !d.member) return 'no user'
  return null
}
