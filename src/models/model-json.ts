/**
 * The JSON object in a model's reply, or null. Models asked for "one JSON
 * object and nothing else" still wrap it in a ```json fence or a sentence
 * now and then; that is tolerated, anything else is not JSON.
 */
export function modelJson(text: string): unknown {
  const unfenced = text.replace(/```(?:json)?/gi, '')
  const start = unfenced.indexOf('{')
  const end = unfenced.lastIndexOf('}')
  if (start < 0 || end <= start) return null
  try {
    return JSON.parse(unfenced.slice(start, end + 1)) as unknown
  } catch {
    return null
  }
}
