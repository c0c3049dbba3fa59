/**
 * The snapshot: one typed, immutable record of one visit. It is the only thing a detector ever sees
 * (DESIGN.md, "A snapshot is the only thing a detector sees"), so everything a detector may need is
 * captured here once, at fetch time. Large bodies (screenshot, HTML, favicon) live in the artifact
 * store and are referenced by SHA-256.
 */

/** How one hop of the redirect chain happened. */
export type RedirectKind = 'http' | 'meta' | 'script';

export interface RedirectHop {
  readonly from: string;
  readonly to: string;
  readonly kind: RedirectKind;
  /** HTTP status for `http` hops (301, 302, …). */
  readonly status?: number;
}

export interface FormField {
  readonly tag: 'input' | 'select' | 'textarea' | 'button';
  readonly type: string;
  readonly name: string | null;
  readonly id: string | null;
  /** Text of the <label for=…>, the wrapping <label>, or the nearest preceding text cell. */
  readonly label: string | null;
  readonly placeholder: string | null;
}

export interface FormInfo {
  /** Absolute URL the form posts to (resolved against the page), or null for script-only forms. */
  readonly action: string | null;
  readonly method: string;
  readonly fields: readonly FormField[];
}

export interface LinkInfo {
  readonly href: string;
  readonly text: string;
}

/** A reference to bytes in the content-addressed artifact store. */
export interface ArtifactRef {
  readonly sha256: string;
  readonly mime: string;
  readonly bytes: number;
}

/** Bytes captured during a visit, not yet stored: the pipeline hands them to the store. */
export interface Artifact {
  readonly ref: ArtifactRef;
  readonly data: Buffer;
}

export interface DnsAnswer {
  readonly host: string;
  readonly a: readonly string[];
  readonly aaaa: readonly string[];
  readonly ns: readonly string[];
  readonly mx: readonly string[];
  /** null when the name resolved; otherwise 'NXDOMAIN', 'SERVFAIL', 'TIMEOUT', 'NODATA', … */
  readonly error: string | null;
  /** The resolver asked, as host:port, or 'system'. */
  readonly server: string;
}

export interface WhoisAnswer {
  readonly domain: string;
  readonly server: string | null;
  /** The registry's answer, verbatim. */
  readonly raw: string;
  /** Parsed key/value pairs (lower-camel keys as whois-json gives them). */
  readonly fields: Readonly<Record<string, string>>;
  readonly error: string | null;
}

export interface Timings {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly dnsMs: number | null;
  readonly whoisMs: number | null;
  readonly renderMs: number | null;
  readonly totalMs: number;
}

export interface PageSnapshot {
  readonly version: 1;
  /** The target exactly as given. */
  readonly input: string;
  /** The URL visited first (after choosing https:// or http:// for a bare host). */
  readonly url: string;
  /** Where the page ended up after HTTP, meta and script redirects. */
  readonly finalUrl: string;
  readonly redirects: readonly RedirectHop[];
  /** HTTP status of the final document, null when none arrived. */
  readonly status: number | null;
  readonly contentType: string | null;
  readonly title: string;
  /** Visible text after render (document.body.innerText), capped. */
  readonly text: string;
  /** Visible text of the plain HTML before any script ran (for the cloaking/script detectors). */
  readonly staticText: string | null;
  readonly forms: readonly FormInfo[];
  readonly links: readonly LinkInfo[];
  readonly favicon: { readonly url: string; readonly artifact: ArtifactRef | null } | null;
  readonly screenshot: ArtifactRef | null;
  /** HTML after render. */
  readonly html: ArtifactRef | null;
  readonly dns: DnsAnswer | null;
  readonly whois: WhoisAnswer | null;
  /** What happened on the way that a reader should know (e.g. "https unreachable; retried over http"). */
  readonly notes: readonly string[];
  /** Requests the page made that were refused (private address, download, over size). */
  readonly blockedRequests: readonly string[];
  readonly timings: Timings;
}

/** The outcome of capturing one target. A failure still carries whatever was learnt (DNS, WHOIS, URL tried). */
export type CaptureOutcome =
  | { readonly ok: true; readonly snapshot: PageSnapshot; readonly artifacts: readonly Artifact[] }
  | {
      readonly ok: false;
      readonly input: string;
      readonly url: string | null;
      readonly error: string;
      /** 'dns' (no answer), 'refused' (private address / bad target), 'fetch' (no HTTP answer, hostile page). */
      readonly stage: 'dns' | 'refused' | 'fetch';
      readonly dns: DnsAnswer | null;
      readonly whois: WhoisAnswer | null;
      readonly notes: readonly string[];
      readonly timings: Timings;
    };
