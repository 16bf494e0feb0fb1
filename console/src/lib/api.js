import { accessToken } from './auth.js'

/**
 * An RFC 9457 problem from the API: status, title, detail and, for validation problems,
 * errors[] of {field, message}, which forms show against the field they name.
 */
export class Problem extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `HTTP ${status}`)
    this.status = status
    this.title = body?.title
    this.detail = body?.detail
    this.errors = Array.isArray(body?.errors) ? body.errors : []
    this.body = body
  }

  fieldErrors() {
    const byField = {}
    for (const e of this.errors) {
      if (!e || !e.field) continue
      // reasons[0] or dataItems[2].name: the form shows it against its top-level field.
      const key = e.field.replace(/\[\d+\]/g, '').split('.')[0]
      byField[key] = byField[key] ? byField[key] + '；' + e.message : e.message
    }
    return byField
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' }
  const token = await accessToken()
  if (token) headers.Authorization = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await response.text()
  let parsed = null
  if (text) {
    try { parsed = JSON.parse(text) } catch { parsed = { detail: text } }
  }
  if (!response.ok) throw new Problem(response.status, parsed)
  return parsed
}
