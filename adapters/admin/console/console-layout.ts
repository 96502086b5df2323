import { html } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>

export type ConsolePage = 'overview' | 'documents' | 'questions' | 'settings'

const pages: Array<[ConsolePage, string, string]> = [
  ['overview', 'Overview', '/admin'],
  ['documents', 'Documents', '/admin/documents'],
  ['questions', 'Questions', '/admin/questions'],
  ['settings', 'Settings', '/admin/settings'],
]

export interface LayoutInput {
  title: string
  page?: ConsolePage
  /** The session's CSRF token, for the logout form; absent on the login page. */
  csrf?: string
  /** Whether there is a session to end (not without ADMIN_TOKEN, where loopback is the login). */
  canLogOut?: boolean
  body: unknown
}

/** Every console page: the header with its navigation, then the page. */
export function layout(input: LayoutInput): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · DocuQuery</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/admin/assets/console.css">
<script src="/admin/assets/console.js" defer></script>
</head>
<body>
<header class="top">
<span class="brand">DocuQuery</span>
${input.page
  ? html`<nav>${pages.map(([key, label, href]) => html`<a href="${href}"${key === input.page ? html` aria-current="page"` : ''}>${label}</a>`)}<a href="/docs">API</a></nav>`
  : ''}
${input.csrf && input.canLogOut
  ? html`<form method="post" action="/admin/logout"><input type="hidden" name="_csrf" value="${input.csrf}"><button type="submit">Log out</button></form>`
  : ''}
</header>
<main>
${input.body}
</main>
</body>
</html>`
}

/** A one-line notice after an action (upload, reindex, forget). */
export function flash(text: string | undefined, kind: 'info' | 'error' = 'info'): Html | string {
  return text ? html`<p class="flash${kind === 'error' ? ' error' : ''}" role="status">${text}</p>` : ''
}

export const badge = (kind: string, text = kind.replace('_', ' ')): Html => html`<span class="badge ${kind}">${text}</span>`

export const percent = (part: number, whole: number): string => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '–')

/** `2026-11-29 13:05 UTC`: one clock for every admin, whatever the browser's zone. */
export const when = (iso: string | null): string => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '–')
