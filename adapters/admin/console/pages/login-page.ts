import { html } from 'hono/html'
import { type Html, flash, layout } from '../console-layout.ts'

export interface LoginPageInput {
  csrf: string
  next: string
  error?: string
}

export function loginPage(input: LoginPageInput): Html {
  return layout({
    title: 'Log in',
    body: html`<section class="panel login">
<h1>DocuQuery console</h1>
${flash(input.error, 'error')}
<form method="post" action="/admin/login">
<input type="hidden" name="_csrf" value="${input.csrf}">
<input type="hidden" name="next" value="${input.next}">
<label>Admin token <input type="password" name="token" autocomplete="current-password" required autofocus></label>
<button class="primary" type="submit">Log in</button>
</form>
<p class="muted">The token is the service's ADMIN_TOKEN. A few failed tries a minute per address at most.</p>
</section>`,
  })
}
