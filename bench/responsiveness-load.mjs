// The responsiveness bench's load, in a worker thread of its own: its timers and
// sockets must not share the event loop being measured, as real clients would not.
// Plain JavaScript so that it starts without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads'

/** @type {{ baseUrl: string, token: string, workspace: string, files: Array<{ name: string, type: string, bytes: Uint8Array }>, questions: string[], askers: number, uploadConcurrency: number, probeEveryMs: number, probeTimeoutMs: number }} */
const load = workerData
const auth = { authorization: `Bearer ${load.token}` }
let stopping = false

const probes = []
let probeFailures = 0
const inFlight = new Set()
function probe() {
  const started = performance.now()
  const done = fetch(`${load.baseUrl}/health/live`, { signal: AbortSignal.timeout(load.probeTimeoutMs) })
    .then(async (res) => {
      await res.arrayBuffer()
      if (res.status !== 200) probeFailures++
      probes.push(performance.now() - started)
    })
    .catch(() => {
      // A probe that timed out counts at its timeout: the service did not answer in time.
      probeFailures++
      probes.push(performance.now() - started)
    })
    .finally(() => inFlight.delete(done))
  inFlight.add(done)
}
// Fired on the clock, not after the previous answer: a stall shows as many slow probes, as a load balancer would see it.
const prober = setInterval(probe, load.probeEveryMs)

const asks = { ok: 0, failed: 0, latencies: [], errors: [] }
let asked = 0
async function asker() {
  while (!stopping) {
    const question = `${load.questions[asked % load.questions.length]} (${asked++})`
    const started = performance.now()
    try {
      const res = await fetch(`${load.baseUrl}/api/ask`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ question, workspace: load.workspace }),
      })
      const body = await res.text()
      if (res.status === 200) asks.ok++
      else {
        asks.failed++
        if (asks.errors.length < 5) asks.errors.push(`${res.status} ${body.slice(0, 200)}`)
      }
    } catch (error) {
      asks.failed++
      if (asks.errors.length < 5) asks.errors.push(String(error))
    }
    asks.latencies.push(performance.now() - started)
  }
}

const uploads = { accepted: 0, failed: 0, errors: [] }
async function uploader(queue) {
  for (let file = queue.shift(); file; file = queue.shift()) {
    const form = new FormData()
    form.append('workspace', load.workspace)
    form.append('file', new Blob([file.bytes], { type: file.type }), file.name)
    try {
      const res = await fetch(`${load.baseUrl}/api/documents`, { method: 'POST', headers: auth, body: form })
      const body = await res.text()
      if (res.status === 202) uploads.accepted++
      else {
        uploads.failed++
        if (uploads.errors.length < 5) uploads.errors.push(`${file.name}: ${res.status} ${body.slice(0, 200)}`)
      }
    } catch (error) {
      uploads.failed++
      if (uploads.errors.length < 5) uploads.errors.push(`${file.name}: ${String(error)}`)
    }
  }
}

parentPort.on('message', async (message) => {
  if (message !== 'stop') return
  stopping = true
  clearInterval(prober)
  await Promise.all([...askers, ...inFlight])
  parentPort.postMessage({ type: 'result', probes, probeFailures, asks, uploads })
})

const askers = Array.from({ length: load.askers }, () => asker())
const queue = [...load.files]
await Promise.all(Array.from({ length: load.uploadConcurrency }, () => uploader(queue)))
parentPort.postMessage({ type: 'uploaded' })
