/**
 * The snapshot: one typed, immutable record of one visit. It is the only thing a detector ever sees
 * (DESIGN.md, "A snapshot is the only thing a detector sees"), so everything a detector may need is
 * captured here once, at fetch time. Large bodies (screenshot, HTML, favicon) live in the artifact
 * store and are referenced by SHA-256.
 */
import type { ResolvedFacts } from './resolved.js';

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
  /** Parsed key/value pairs (lower-camel keys, model/whois.ts parseWhoisFields). */
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
  /**
   * Milliseconds per step of the visit, by step name (`STEPS` lists them in order): where the time went.
   * Absent from snapshots stored before it was recorded.
   */
  readonly steps?: Readonly<Record<string, number>>;
}

/**
 * The steps of a visit whose time is recorded, in the order they happen: the resolve stage, the funnel's
 * plain fetch, the desktop render (navigation, settle, reading the page, screenshot, favicon), each extra
 * view, and each detector (`detector.<id>`, added by the pipeline when it scores the snapshot).
 */
export const STEPS = [
  'dns',
  'whois',
  'http-fetch',
  'navigation',
  'settle',
  'extract',
  'screenshot',
  'favicon',
  'extra.hosting',
  'extras-policy',
  'extra.plain-fetch',
  'extra.depth',
  'extra.ocr',
  'extra.mobile',
  'extra.probe',
] as const;

/** The extra views a visit may take beyond the desktop render (each costs time; see ExtraDecision). */
export type ExtraView = 'probe' | 'ocr' | 'mobile' | 'plainFetch' | 'depth';
export const EXTRA_VIEWS: readonly ExtraView[] = ['plainFetch', 'depth', 'ocr', 'mobile', 'probe'];

/** Whether one extra view of a visit was taken, and why it was (or why not): what it could change. */
export interface ExtraDecision {
  readonly view: ExtraView;
  readonly ran: boolean;
  readonly reason: string;
  /** The same reason in Chinese, for the console. */
  readonly reasonZh: string;
}

/** The same URL fetched by a plain HTTP client with a non-browser user agent (no script runs). */
export interface PlainFetchView {
  /** HTTP status of the final answer, null when none arrived. */
  readonly status: number | null;
  /** Where HTTP redirects ended. */
  readonly finalUrl: string;
  /** <title> of the HTML. */
  readonly title: string;
  /** Visible text of the HTML with script, style, noscript and template removed (as htmlText does). */
  readonly text: string;
}

/** The same URL rendered with a mobile WeChat in-app user agent. */
export interface MobileView {
  readonly userAgent: string;
  readonly finalUrl: string;
  readonly title: string;
  /** document.body.innerText after render, capped like snapshot.text. */
  readonly text: string;
  /** Its forms, read as the desktop render's are; absent from snapshots taken before they were read. */
  readonly forms?: readonly FormInfo[];
  readonly screenshot: ArtifactRef | null;
}

/** Who announces the network an address of the site sits in (an IP database shipped as an npm package). */
export interface HostingFacts {
  readonly ip: string;
  readonly asn: number | null;
  readonly org: string | null;
  /** ISO 3166-1 alpha-2 of the registry allocation, e.g. 'CN', 'US'; null when unknown. */
  readonly country: string | null;
}

/** A same-site page linked from the visited one, fetched by a plain client (the depth check). */
export interface SubpageInfo {
  readonly url: string;
  /** HTTP status of the final answer; null when none arrived (refused, timed out). */
  readonly status: number | null;
  readonly title: string;
  /** Host the HTTP redirects ended on, null when no answer. */
  readonly finalHost: string | null;
}

/**
 * The front page of the visited page's site (`/` of its host), fetched by a plain client when the page sits below
 * it: whose site a page at `/Public/cx/` is on, and whether that site leads to it at all.
 */
export interface SiteRootInfo {
  readonly url: string;
  /** HTTP status of the final answer; null when none arrived (refused, timed out). */
  readonly status: number | null;
  /** Where the HTTP redirects ended; null when no answer. */
  readonly finalUrl: string | null;
  readonly title: string;
  /** Its text as the page's own text is read (capped). */
  readonly text: string;
  /**
   * Whether the front page leads to the visited page: a link, frame or refresh to it or into its folder, or a
   * redirect that ends there.
   */
  readonly leadsToPage: boolean;
}

/** What a query-form field was filled with during the probe, and why. */
export type ProbeRole = 'idNumber' | 'name' | 'certNo' | 'captcha';

/** How the probe's answer reads. */
export type ProbeClass = 'no-record' | 'validation-error' | 'valid' | 'unknown';

/** One request the probe's submission caused (the one that carried the submitted values, if any). */
export interface ProbeRequest {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  /** Field names and values sent (form-encoded or JSON body, or the query string of a GET). */
  readonly fields: Readonly<Record<string, string>>;
  /** 'document' for a form navigation, 'xhr'/'fetch' for a script-driven query. */
  readonly resourceType: string;
}

/**
 * The active probe of a certificate-query form: filled once with an impossible certificate (an ID
 * number whose GB 11643 check digit is wrong, a name nobody has) and submitted; the answer classified.
 */
export interface ProbeRecord {
  /** When the probe was made by an earlier visit to the same host in this scan: that visit's URL. */
  readonly sharedFrom?: string;
  readonly pageUrl: string;
  /** The form as declared in the page (action resolved, or null for a script-only form). */
  readonly form: { readonly action: string | null; readonly method: string };
  readonly submitted: readonly { readonly field: string; readonly role: ProbeRole; readonly value: string }[];
  /** How it was submitted: a click on the submit control, form.requestSubmit(), or Enter in a field. */
  readonly via: 'click' | 'submit' | 'enter';
  /** The request that carried the submitted values (else the first non-GET request), null when none left. */
  readonly request: ProbeRequest | null;
  /** Where the form really posts, and whether that is another host than the page's. */
  readonly postsTo: { readonly host: string; readonly path: string; readonly method: string; readonly crossHost: boolean } | null;
  readonly answer: {
    readonly url: string;
    /** HTTP status of a new document, null when the answer came without navigation. */
    readonly status: number | null;
    readonly title: string;
    /** The answer's visible text (for a script answer: only the lines the script added), capped. */
    readonly text: string;
    readonly navigated: boolean;
    readonly domChanged: boolean;
    /** Built in the page by script: no navigation, the DOM changed (or a dialog answered). */
    readonly scriptBuilt: boolean;
    /** Messages of alert()/confirm() dialogs the answer opened. */
    readonly dialogs: readonly string[];
    readonly screenshot: ArtifactRef | null;
  };
  readonly classification: ProbeClass;
  /** The phrase that decided the classification. */
  readonly matched: string | null;
  /** Whether the answer repeats the submitted name or ID number (a "valid" answer has to). */
  readonly echoed: boolean;
  readonly durationMs: number;
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
  // Optional views added after the first release; snapshots stored before them still load (version stays 1).
  /** The active probe of a certificate-query form; absent when the page has none or probing was off. */
  readonly probe?: ProbeRecord | null;
  /** OCR of the header band of the screenshot (headings drawn as images), white space between Han folded. */
  readonly ocrText?: string | null;
  /** The start URL fetched by a plain HTTP client (curl's user agent): what a non-browser is shown. */
  readonly plainFetch?: PlainFetchView | null;
  /** The start URL rendered in a mobile WeChat in-app browser context. */
  readonly mobile?: MobileView | null;
  /** Network and country of each address the host resolved to. */
  readonly hosting?: readonly HostingFacts[];
  /** A few same-site links followed by a plain fetch. */
  readonly subpages?: readonly SubpageInfo[];
  /** The site's front page, fetched by the depth check when the visited page is below it; absent otherwise. */
  readonly siteRoot?: SiteRootInfo;
  /** Same-site scripts the page loads (crawler/site-identity.ts). */
  readonly scripts?: readonly ScriptCapture[];
  /** The certificate of an https:// final URL; null when the page was reached over http:// or no handshake completed. */
  readonly tls?: TlsCertificate | null;
  /** What the resolve stage learnt beside `dns` and `whois` (model/resolved.ts); absent from older snapshots. */
  readonly resolved?: ResolvedFacts;
  /** Which extra views were taken and why (progressive capture); absent when every view ran unasked. */
  readonly extras?: readonly ExtraDecision[];
}

/** A same-site script the page loads, fetched once more and stored by hash (operator linking compares bundles). */
export interface ScriptCapture {
  /** The script's absolute URL as the page names it. */
  readonly url: string;
  /** Its bytes in the artifact store; null when it could not be fetched (then `error` says why). */
  readonly artifact: ArtifactRef | null;
  readonly error?: string;
}

/** The certificate an https:// site presented (leaf only), as read from a TLS handshake of its own. */
export interface TlsCertificate {
  /** SHA-256 of the DER certificate, lower-case hex without colons. */
  readonly sha256: string;
  readonly subject: string;
  readonly issuer: string;
  /** DNS names of the subjectAltName extension, lower case, as written (wildcards kept). */
  readonly sans: readonly string[];
  readonly validFrom: string;
  readonly validTo: string;
  readonly serialNumber: string;
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
      /** Whose failure it is: the site's, or ours (the browser, a starved machine) after retries; absent means the site's. */
      readonly blame?: 'site' | 'ours';
      readonly dns: DnsAnswer | null;
      readonly whois: WhoisAnswer | null;
      readonly resolved?: ResolvedFacts;
      readonly notes: readonly string[];
      readonly timings: Timings;
    };
