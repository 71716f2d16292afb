/** Website domain without scheme, path or a leading "www.", lower-cased; null when it is not a URL or host. */
export function websiteDomain(website: string | null | undefined): string | null {
  if (!website) return null;
  const trimmed = website.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    const host = url.hostname.toLowerCase().replace(/^www\./, '');
    return host.includes('.') ? host : null;
  } catch {
    return null;
  }
}

/** Registration ids compare without spaces, dashes, dots or case ("12-345 678" = "12345678"). */
export function registrationKey(registrationId: string | null | undefined): string | null {
  if (!registrationId) return null;
  const key = registrationId.normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
  return key || null;
}
