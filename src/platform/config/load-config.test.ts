import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from './load-config.ts'

describe('loadConfig', () => {
  it('applies embedded defaults when nothing is set', () => {
    const config = loadConfig({})
    expect(config.DATA_DIR).toBe('./data')
    expect(config.PORT).toBe(3000)
    expect(config.DATABASE_URL).toBeUndefined()
    expect(config.ADMIN_TOKEN).toBeUndefined()
  })

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', ADMIN_TOKEN: '' }).DATABASE_URL).toBeUndefined()
  })

  it('names every bad value in one message', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ADMIN_TOKEN: 'short' })).toThrowError(
      /PORT[\s\S]*ADMIN_TOKEN[\s\S]*DATABASE_URL|PORT[\s\S]*DATABASE_URL[\s\S]*ADMIN_TOKEN/,
    )
  })

  it('lets the environment override .env', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dq-config-'))
    const file = join(dir, '.env')
    writeFileSync(file, 'PORT=4000\nDATA_DIR=/from-file\n')
    const config = loadConfig({ PORT: '5000' }, file)
    expect(config.PORT).toBe(5000)
    expect(config.DATA_DIR).toBe('/from-file')
  })
})
