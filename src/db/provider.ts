/** Which database a URL names: `file:` is the embedded SQLite, anything else PostgreSQL. */
export type Provider = 'sqlite' | 'postgresql';

export function databaseProvider(url: string): Provider {
  return url.startsWith('file:') ? 'sqlite' : 'postgresql';
}
