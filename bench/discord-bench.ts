import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { createDiscordAdapter } from '../adapters/discord/create-discord-adapter.ts'
import { loadConfig } from '../src/platform/config/load-config.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { buildRuntime } from '../src/runtime.ts'
import { type DoubleGuild, type RecordedRequest, startGatewayDouble } from '../tests/discord/gateway-double.ts'
import { readCorpus } from '../tests/helpers/corpus.ts'
import { waitForIndexing } from '../tests/helpers/test-runtime.ts'
import { type BenchDatabase, type DatabaseKind, openBenchPglite, openBenchPostgres } from './bench-databases.ts'
import type { BenchOptions } from './bench-options.ts'
import { measureFeedbackClicks } from './discord-feedback-bench.ts'
import { summarizeLatencies } from './latency-summary.ts'
import type { Report } from './report.ts'

const CONCURRENCY = 50
/** A second with no requests before each round: Discord's global limit (50 a second) is counted per second. */
const QUIET_MS = 1000
const TOKEN = 'bench-token'
const bot = { id: '900000000000000001', username: 'DocuQuery', bot: true }
const asker = { id: '700000000000000001', username: 'alice' }
const clicker = { id: '700000000000000002', username: 'bob' }
const question = 'How many days of advance written notice must the consultant give to terminate the agreement?'

/** Section `discord` of `npm run bench`: one quick round of 50, or four in a full run, on each database. */
export async function discordFigures(options: BenchOptions, kinds: readonly DatabaseKind[], report: Report): Promise<void> {
  const rounds = options.quick ? 1 : 4
  report.line(
    `\nDiscord: MESSAGE_CREATE → first REST call (typing) and → reply, ${CONCURRENCY} mentions dispatched at once (${rounds} round(s)),` +
      ' real discord.js client + adapter against the local gateway/REST double, extractive answers from sample-contract.pdf;' +
      ` then a 👍 on each of the ${CONCURRENCY} answers at once → acknowledged and → stored`,
  )
  for (const kind of kinds) {
    const db = kind === 'pglite' ? await openBenchPglite() : await openBenchPostgres(options.postgresUrl ?? '')
    try {
      await runDiscordBench(db, rounds, report)
    } finally {
      await db.dispose()
    }
    report.memory(`discord ${kind}`)
  }
}

/**
 * MESSAGE_CREATE → first REST call (typing) and → reply, under 50 mentions
 * dispatched at once: the real discord.js client and adapter against the
 * local gateway/REST double, answering from a real PDF on the given database.
 * Each mention comes in its own channel so its typing call can be told apart.
 */
export async function runDiscordBench(db: BenchDatabase, rounds: number, report: Report): Promise<void> {
  const guildId = String((1000n << 22n) | 7n)
  const channels = Array.from({ length: CONCURRENCY }, (_, i) => String(810_000_000_000_000_000n + BigInt(i)))
  const guild: DoubleGuild = { id: guildId, name: 'Bench', channels: channels.map((id, i) => ({ id, name: `c${i}` })) }
  // One asker sends all 50 mentions: with the default per-person limit (10 a minute) most
  // replies would be "you've asked a lot", and the figures would time refusals, not answers.
  const config = loadConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'dq-bench-discord-')), RATE_LIMIT_USER_QUESTIONS: '0' })
  const runtime = await buildRuntime(config, silentLogger, { database: db.database })
  const double = await startGatewayDouble({ token: TOKEN, bot, guilds: [guild] })
  const discord = createDiscordAdapter({
    core: runtime.core,
    logger: silentLogger,
    settings: { token: TOKEN, apiUrl: double.apiUrl, answerBots: false, maxFileBytes: config.MAX_FILE_BYTES },
  })
  try {
    await runtime.core.ingest({
      workspace: `discord:${guildId}`,
      visibleIn: null,
      bytes: readCorpus('pdf/sample-contract.pdf'),
      filename: 'sample-contract.pdf',
      source: 'discord',
      sourceRef: 'sample-contract.pdf',
    })
    await waitForIndexing(runtime)
    await discord.start()
    const mention = (channelId: string) =>
      double.sendMessage({ channelId, author: asker, content: `<@${bot.id}> ${question}`, mentions: [bot] })
    const replyTo = (id: string) =>
      double.waitFor((r) => r.status === 200 && (r.body as { message_reference?: { message_id?: string } } | null)?.message_reference?.message_id === id, 60_000)
    // Warm-up: connections, prepared plans, JIT.
    for (const channel of channels.slice(0, 5)) await replyTo(mention(channel).id)

    const toTyping: number[] = []
    const toReply: number[] = []
    let lastReplies: RecordedRequest[] = []
    let wall = 0
    for (let round = 0; round < rounds; round++) {
      // 50 mentions need 50 typing calls, Discord's whole budget for a second: a round that starts
      // right after the warm-up timed the warm-up's leftover requests (11 in the last second held
      // 11 typing calls back by up to a second), not a burst reaching an idle bot.
      await sleep(QUIET_MS)
      const since = double.requests.length
      const started = performance.now()
      const sent = channels.map((channel) => ({ channel, ...mention(channel) }))
      const replies = await Promise.all(sent.map((s) => replyTo(s.id)))
      lastReplies = replies
      wall += performance.now() - started
      const fresh = double.requests.slice(since)
      sent.forEach((s, i) => {
        const typing = fresh.find((r: RecordedRequest) => r.path.endsWith(`/channels/${s.channel}/typing`))
        if (typing) toTyping.push(typing.at - s.at)
        toReply.push((replies[i] as RecordedRequest).at - s.at)
      })
    }
    const typing = summarizeLatencies(toTyping)
    const reply = summarizeLatencies(toReply)
    report.line(
      `  ${db.kind}: ${rounds} round(s) of ${CONCURRENCY} concurrent mentions: MESSAGE_CREATE → typing p50 ${typing.p50} ms, p95 ${typing.p95} ms;` +
        ` → reply p50 ${reply.p50} ms, p95 ${reply.p95} ms (wall ${Math.round(wall / rounds)} ms per round)`,
    )
    report.figure({ figure: 'discord_mention_to_typing', database: db.kind, concurrency: CONCURRENCY, n: typing.n, p50_ms: typing.p50, p95_ms: typing.p95, max_ms: typing.max })
    report.figure({ figure: 'discord_mention_to_reply', database: db.kind, concurrency: CONCURRENCY, n: reply.n, p50_ms: reply.p50, p95_ms: reply.p95, max_ms: reply.max })
    await measureFeedbackClicks(double, runtime.core, lastReplies, clicker, rounds, db.kind, report)
  } finally {
    await discord.stop()
    await double.close()
    await runtime.close()
  }
}
