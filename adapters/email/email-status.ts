import type { AdapterStatus, Config } from '../../src/index.ts'

/** What start-up (and the console's settings page) says about e-mail. */
export function emailStatus(config: Config, adminUrl: string): AdapterStatus {
  const doors: string[] = []
  if (config.SMTP_PORT !== undefined) {
    doors.push(`SMTP on ${config.SMTP_HOST}:${config.SMTP_PORT}${config.SMTP_TLS_CERT ? ' with STARTTLS' : ''}`)
  }
  if (config.INBOUND_EMAIL_TOKEN) doors.push(`POST ${adminUrl}/inbound/email (INBOUND_EMAIL_TOKEN)`)
  if (doors.length === 0) {
    return { name: 'e-mail', on: false, detail: 'set SMTP_PORT for an SMTP listener, or INBOUND_EMAIL_TOKEN for a mail provider webhook' }
  }
  const unmapped = `${config.EMAIL_RECIPIENT_DOMAINS.length > 0 ? `any address in ${config.EMAIL_RECIPIENT_DOMAINS.join(', ')}` : 'any address'} goes to workspace local`
  const routes = `addresses mapped by ${config.EMAIL_ROUTES_FILE ?? `${config.DATA_DIR}/email-routes.json`} (see GET /api/email/routes; without routes, ${unmapped})`
  const senders =
    config.EMAIL_ALLOWED_SENDERS.length > 0 ? `senders: ${config.EMAIL_ALLOWED_SENDERS.join(', ')}` : 'any sender accepted (set EMAIL_ALLOWED_SENDERS)'
  return { name: 'e-mail', on: true, detail: `${doors.join('; ')}; ${routes}; ${senders}` }
}
