import { html } from 'hono/html'
import { type Html, layout } from '../console-layout.ts'

/** A page that only says something: a refusal, an expired form. */
export function messagePage(title: string, text: string): Html {
  return layout({ title, body: html`<section class="panel login"><h1>${title}</h1><p>${text}</p><p><a href="/admin">Back to the console</a></p></section>` })
}
