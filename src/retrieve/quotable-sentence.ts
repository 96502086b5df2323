/**
 * Whether a sentence reads as an answer when quoted on its own. Passages hold
 * e-mail headers, signature blocks, encoding tables and table scaffolding
 * beside the fact; quoting those first is what made answers unreadable.
 */
export function isQuotable(sentence: string): boolean {
  const text = sentence.trim()
  if (text.length < 12) return false
  if (text.replace(/\P{L}+/gu, '').length < text.length * 0.45) return false
  // Header lines: "From: … Date: … Subject: …", MIME part headers.
  if ((text.match(/\b(From|To|Cc|Bcc|Date|Subject|Sent|Reply-To|Message-ID|Content-Type|Content-Transfer-Encoding|MIME-Version):/g) ?? []).length >= 2) return false
  // Encoded or machine text: long unbroken runs, or an encoding alphabet laid out as a table.
  if (/[A-Za-z0-9+/=]{60,}/.test(text)) return false
  if (/\b([A-Z]\s+){8,}/.test(text) || /(\b\d{1,2}\s+[A-Za-z+/]\s+){5,}/.test(text)) return false
  // Table scaffolding: rows of cells, or form blanks.
  if ((text.match(/\|/g) ?? []).length >= 3) return false
  if (/_{6,}/.test(text)) return false
  // A paper's title block: authors with affiliation marks ("Erik Alestig1*, Birgitta Arnholm2 ,").
  if ((text.match(/\p{Lu}\p{Ll}+\d{1,2}\*?\s*,/gu) ?? []).length >= 3) return false
  // Signatures and reply chrome.
  if (/^(--|sent from my|get outlook for|on .{5,80} wrote:)/i.test(text)) return false
  return true
}
