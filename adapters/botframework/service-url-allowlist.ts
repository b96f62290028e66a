// Where Bot Framework replies and notices may go. An activity names its own serviceUrl and the bot POSTs its replies
// there, so without a list anyone who can reach /api/messages could make the bot POST (with its token, and with
// owners' notices) to any address, internal ones included. Entries: "https://smba.trafficmanager.net/" (origin and
// path prefix) or "https://*.botframework.com/" (any subdomain).

/** Microsoft's connector hosts (Teams, Web Chat, Direct Line, the Azure Bot Service channels). */
export const DEFAULT_SERVICE_URLS = ['https://smba.trafficmanager.net/', 'https://*.botframework.com/'];

/** The Emulator and local tests: any port on the loopback interface (development only: no MicrosoftAppId). */
export const LOOPBACK_SERVICE_URLS = ['http://localhost:*/', 'http://127.0.0.1:*/', 'http://[::1]:*/'];

interface Entry {
  protocol: string;
  host: string;
  wildcardSubdomain: boolean;
  anyPort: boolean;
  port: string;
  path: string;
}

function parseEntry(raw: string): Entry | null {
  const m = /^(https?):\/\/(\*\.)?([^/:]+|\[[^\]]+\])(?::(\*|\d+))?(\/.*)?$/i.exec(raw.trim());
  if (!m) return null;
  return {
    protocol: `${m[1]!.toLowerCase()}:`,
    wildcardSubdomain: Boolean(m[2]),
    host: m[3]!.toLowerCase(),
    anyPort: m[4] === '*',
    port: m[4] && m[4] !== '*' ? m[4] : '',
    path: m[5] ?? '/',
  };
}

export class ServiceUrlAllowList {
  private readonly entries: Entry[];

  constructor(readonly patterns: readonly string[]) {
    this.entries = patterns.map((p) => {
      const e = parseEntry(p);
      if (!e) throw new Error(`BOTFRAMEWORK_SERVICE_URLS: not a URL pattern: ${p}`);
      return e;
    });
  }

  allows(serviceUrl: string): boolean {
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return false;
    }
    // Credentials in a URL are never a connector's: refuse rather than reason about them.
    if (url.username || url.password) return false;
    const host = url.hostname.toLowerCase();
    const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
    return this.entries.some(
      (e) =>
        e.protocol === url.protocol &&
        (e.wildcardSubdomain ? host.endsWith(`.${e.host}`) : host === e.host) &&
        (e.anyPort || e.port === url.port) &&
        path.startsWith(e.path.endsWith('/') ? e.path : `${e.path}/`),
    );
  }
}

/** The list in force: BOTFRAMEWORK_SERVICE_URLS (comma-separated) or Microsoft's hosts, plus loopback in development. */
export function serviceUrlAllowList(configured: string | undefined, development: boolean): ServiceUrlAllowList {
  const listed = configured
    ? configured
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : DEFAULT_SERVICE_URLS;
  return new ServiceUrlAllowList(development ? [...listed, ...LOOPBACK_SERVICE_URLS] : listed);
}
