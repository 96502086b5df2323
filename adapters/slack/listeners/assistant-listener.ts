import type { DocumentView } from '../../../src/index.ts'
import { type App, Assistant } from '@slack/bolt'
import { answerInThread } from '../answer-in-thread.ts'
import { plural } from '../format.ts'
import { type SlackContext, workspaceKey, yieldToIo } from '../slack-context.ts'

const MAX_PROMPTS = 4

/**
 * The AI-app surface (Slack's assistant split view): a new thread gets
 * suggested prompts built from the workspace's documents; each message in it
 * shows "Searching N documents…" while it is answered through the same path
 * as mentions and DMs.
 */
export function registerAssistant(app: App, ctx: SlackContext): void {
  const assistant = new Assistant({
    threadStarted: async ({ event, body, client, setSuggestedPrompts }) => {
      const teamId = (body as { team_id?: string }).team_id
      if (!teamId) return
      const { channel_id: channel, thread_ts: thread } = event.assistant_thread
      try {
        const docs = await ctx.core.listDocuments({ workspace: workspaceKey(teamId), channel, status: 'indexed', limit: 200 })
        const prompts = suggestedPrompts(docs)
        if (prompts.length > 0) {
          await setSuggestedPrompts({ title: 'Ask about what your team shared', prompts })
        } else {
          await client.chat.postMessage({
            channel,
            thread_ts: thread,
            text: 'I answer from the files your team shares with me, and nobody has shared one yet. Share a PDF, DOCX, e-mail, Markdown or text file in a channel I am in, then ask me about it here.',
          })
        }
      } catch (error) {
        ctx.logger.warn({ err: error, channel }, 'Slack assistant thread not prepared')
      }
    },
    userMessage: async ({ message, body, client, setStatus }) => {
      const event = message as { text?: string; user?: string; bot_id?: string; channel: string; thread_ts?: string; ts: string }
      const { event_id: eventId, team_id: teamId } = body as { event_id?: string; team_id?: string }
      if (!eventId || !teamId || !event.thread_ts || (event.bot_id && !ctx.answerBots)) return
      if (!(await ctx.core.claimEvent('slack', eventId))) return
      await yieldToIo()
      const question = (event.text ?? '').trim()
      if (question === '') return
      try {
        const searchable = await ctx.core.listDocuments({ workspace: workspaceKey(teamId), channel: event.channel, status: 'indexed', limit: 10_000 })
        await setStatus({ status: `Searching ${plural(searchable.filter((d) => d.parentId === null).length, 'document')}…` })
      } catch (error) {
        // A status is a courtesy (older workspaces may refuse it); the answer still comes.
        ctx.logger.warn({ err: error, channel: event.channel }, 'Slack assistant status not set')
      }
      await answerInThread(ctx, client, {
        teamId,
        channel: event.channel,
        thread: event.thread_ts,
        replyInThread: true,
        isFollowUp: true,
        question,
        asker: event.user ?? null,
      })
    },
  })
  app.assistant(assistant)
}

/** One prompt per recently indexed document (newest first): Slack shows up to four. */
export function suggestedPrompts(docs: DocumentView[]): Array<{ title: string; message: string }> {
  return docs
    .filter((d) => d.parentId === null && d.status === 'indexed')
    .sort((a, b) => (b.indexedAt ?? '').localeCompare(a.indexedAt ?? ''))
    .slice(0, MAX_PROMPTS)
    .map((d) => {
      const name = d.title.replace(/\.[a-z0-9]{1,5}$/i, '')
      return { title: `About ${truncate(name, 60)}`, message: `What are the main points of ${truncate(d.title, 200)}?` }
    })
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)
