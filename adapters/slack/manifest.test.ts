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
})
