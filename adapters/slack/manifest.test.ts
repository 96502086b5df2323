import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../tests/helpers/corpus.ts'
import { botScopeList } from './scopes.ts'

/** The bot scopes a manifest asks for (the `bot:` list under oauth_config.scopes). */
function manifestScopes(file: string): string[] {
  const text = readFileSync(`${repoRoot}/slack/${file}`, 'utf8')
  const block = /\n {4}bot:\n((?: {6}- .+\n)+)/.exec(text)?.[1] ?? ''
  return block.split('\n').filter(Boolean).map((line) => line.replace(/^\s*-\s*/, '').trim())
}

describe('Slack app manifests', () => {
  it.each(['manifest.yml', 'manifest.socket-mode.yml'])('%s asks for exactly the scopes the OAuth install asks for', (file) => {
    expect(manifestScopes(file).sort()).toEqual([...botScopeList].sort())
  })

  it.each(['manifest.yml', 'manifest.socket-mode.yml'])('%s declares the shortcut, the Home tab, the assistant view and their events', (file) => {
    const text = readFileSync(`${repoRoot}/slack/${file}`, 'utf8')
    expect(text).toMatch(/shortcuts:\n {4}- name: Ask DocuQuery about this message\n {6}type: message\n {6}callback_id: ask_docuquery\n/)
    expect(text).toMatch(/home_tab_enabled: true/)
    expect(text).toMatch(/\n {2}assistant_view:\n {4}assistant_description: /)
    for (const event of ['app_home_opened', 'assistant_thread_started', 'message.im']) expect(text).toContain(`      - ${event}\n`)
    expect(text).toMatch(/interactivity:\n {4}is_enabled: true/)
  })
})
