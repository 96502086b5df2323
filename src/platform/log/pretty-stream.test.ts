import { describe, expect, it } from 'vitest'
import { chooseLogOutput, createLogger } from './logger.ts'

function capture(color: boolean) {
  const lines: string[] = []
  const logger = createLogger('info', { write: (text: string) => lines.push(text) } as unknown as NodeJS.WritableStream, { format: 'pretty', color })
  return { logger, lines }
}

describe('readable logs on a terminal', () => {
  it('prints one line per entry: time, level for warnings, message, then the details', () => {
    const { logger, lines } = capture(false)
    logger.info({ adapter: 'Slack', on: false }, 'Slack: off — set SLACK_BOT_TOKEN')
    logger.warn({ documentId: 'd1', err: new Error('disk full') }, 'indexing failed, will retry')
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d {2}Slack: off — set SLACK_BOT_TOKEN\n$/)
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d {2}WARN {3}indexing failed, will retry {2}documentId=d1 err="disk full"\n$/)
    expect(lines.join('')).not.toMatch(/\u001b\[/)
  })

  it('colours only when asked', () => {
    const { logger, lines } = capture(true)
    logger.error({}, 'broken')
    expect(lines[0]).toMatch(/\u001b\[31mERROR/)
  })

  it('LOG_FORMAT=auto: readable on a terminal, JSON in a pipe; NO_COLOR turns colours off', () => {
    expect(chooseLogOutput('auto', { isTTY: true }, undefined)).toEqual({ format: 'pretty', color: true })
    expect(chooseLogOutput('auto', { isTTY: true }, '1')).toEqual({ format: 'pretty', color: false })
    expect(chooseLogOutput('auto', {}, undefined)).toEqual({ format: 'json', color: false })
    expect(chooseLogOutput('json', { isTTY: true }, undefined)).toEqual({ format: 'json', color: false })
    expect(chooseLogOutput('pretty', {}, undefined)).toEqual({ format: 'pretty', color: false })
  })
})
