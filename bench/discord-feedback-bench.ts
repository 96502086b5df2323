import type { RecordedRequest, GatewayDouble, MessagePayload } from '../tests/discord/gateway-double.ts'
import type { Core } from '../src/core/core.ts'
import { summarizeLatencies } from './latency-summary.ts'
import type { Report } from './report.ts'

type Row = { components?: Array<{ custom_id?: string }> }

/**
 * 👍 clicked under every answer at once, `rounds` times: INTERACTION_CREATE
 * (MESSAGE_COMPONENT) → the deferred acknowledgement, and → the private
 * "Thanks" edit, which the adapter sends only once core.recordFeedback has
 * stored the click (so it is click → stored, as a person sees it).
 */
export async function measureFeedbackClicks(
  double: GatewayDouble,
  core: Pick<Core, 'feedback'>,
  answers: readonly RecordedRequest[],
  clicker: { id: string; username: string },
  rounds: number,
  kind: string,
  report: Report,
): Promise<void> {
  const targets = answers.map((r) => {
    const message = r.response as MessagePayload & { components?: Row[] }
    const up = message.components?.[0]?.components?.find((c) => c.custom_id?.startsWith('dq:fb:up:'))?.custom_id
    if (!up) throw new Error(`an answer came without its 👍 button: ${JSON.stringify(message).slice(0, 400)}`)
    return { message, customId: up }
  })
  const toAck: number[] = []
  const toStored: number[] = []
  const isCallback = (id: string, token: string) => (r: RecordedRequest) => r.path.endsWith(`/interactions/${id}/${token}/callback`)
  const isThanks = (token: string) => (r: RecordedRequest) => r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`)
  const since = new Date(Date.now() - 60_000)
  for (let round = 0; round < rounds; round++) {
    const clicks = targets.map((t) => double.clickButton({ channelId: t.message.channel_id, user: clicker, message: t.message, customId: t.customId }))
    await Promise.all(
      clicks.map(async (click) => {
        const [ack, thanks] = await Promise.all([double.waitFor(isCallback(click.id, click.token), 60_000), double.waitFor(isThanks(click.token), 60_000)])
        toAck.push(ack.at - click.at)
        toStored.push(thanks.at - click.at)
      }),
    )
  }
  const stored = await core.feedback({ since, helpful: true, limit: targets.length * 2 })
  if (stored.length !== targets.length) throw new Error(`expected ${targets.length} stored 👍, found ${stored.length}`)
  const ack = summarizeLatencies(toAck)
  const done = summarizeLatencies(toStored)
  report.line(
    `  ${kind}: ${rounds} round(s) of ${targets.length} concurrent 👍 clicks: INTERACTION_CREATE → ack p50 ${ack.p50} ms, p95 ${ack.p95} ms;` +
      ` → stored and confirmed p50 ${done.p50} ms, p95 ${done.p95} ms`,
  )
  report.figure({ figure: 'discord_feedback_click_to_ack', database: kind, concurrency: targets.length, n: ack.n, p50_ms: ack.p50, p95_ms: ack.p95, max_ms: ack.max })
  report.figure({ figure: 'discord_feedback_click_to_stored', database: kind, concurrency: targets.length, n: done.n, p50_ms: done.p50, p95_ms: done.p95, max_ms: done.max })
}
