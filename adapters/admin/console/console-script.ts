/**
 * The console's only script, served at /admin/assets/console.js (no inline
 * script: the pages run under `script-src 'self'`). Every page works without
 * it; it adds drag and drop, confirmations, and live status while documents
 * are being read or a reindex job runs.
 */
export const consoleJs = `(function () {
  'use strict'
  document.addEventListener('submit', function (event) {
    var message = event.target.getAttribute('data-confirm')
    if (message && !window.confirm(message)) event.preventDefault()
  })

  var zone = document.querySelector('[data-dropzone]')
  if (zone) {
    var input = zone.querySelector('input[type=file]')
    ;['dragenter', 'dragover'].forEach(function (name) {
      zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add('over') })
    })
    ;['dragleave', 'drop'].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove('over') })
    })
    zone.addEventListener('drop', function (event) {
      event.preventDefault()
      if (!event.dataTransfer || event.dataTransfer.files.length === 0) return
      input.files = event.dataTransfer.files
      zone.requestSubmit()
    })
  }

  function poll(fn) {
    var stopped = false
    function tick() {
      if (stopped || document.hidden) return setTimeout(tick, 1000)
      fn().then(function (again) { if (again) setTimeout(tick, 1000); else stopped = true }, function () { setTimeout(tick, 3000) })
    }
    setTimeout(tick, 1000)
  }

  var rows = document.querySelector('tbody[data-live]')
  function busy() { return rows && rows.querySelector('[data-status=pending],[data-status=processing]') !== null }
  if (rows && busy()) {
    poll(function () {
      return fetch(rows.getAttribute('data-live'), { credentials: 'same-origin' }).then(function (res) {
        if (!res.ok) throw new Error(res.status)
        return res.text()
      }).then(function (text) { rows.innerHTML = text; return busy() })
    })
  }

  var job = document.querySelector('[data-job]')
  if (job) {
    var bar = job.querySelector('progress'), label = job.querySelector('[data-job-label]')
    poll(function () {
      return fetch('/admin/jobs/' + encodeURIComponent(job.getAttribute('data-job')), { credentials: 'same-origin' }).then(function (res) {
        if (!res.ok) throw new Error(res.status)
        return res.json()
      }).then(function (state) {
        bar.max = Math.max(state.total, 1); bar.value = state.done
        label.textContent = state.done + ' of ' + state.total + ' done' + (state.failed ? ', ' + state.failed + ' failed' : '') + ' — ' + state.status
        job.setAttribute('data-state', state.status)
        return state.status === 'running' || state.status === 'queued'
      })
    })
  }
})()
`
