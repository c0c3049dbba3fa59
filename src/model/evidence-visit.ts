/**
 * The evidence visit as the later stages see it: what they ask for, what comes back, and the browser that does
 * it. reports/evidence builds packets against this interface; the crawler implements it
 * (crawler/evidence-visit) and the pipeline hands it over (pipeline/evidence.ts), so only the crawler drives
 * a browser.
 */
import type { DnsAnswer } from './snapshot.js';

export interface VisitOptions {
  readonly url: string;
  /** `--proxy`: the guard proxy forwards everything through it. */
  readonly proxy: string | null;
  /** `--dns`: the resolver for the guard and for the resolved-IP line of the record. */
  readonly dns: string | null;
  readonly allowPrivate: boolean;
  /** A scratch folder for the video and HAR while the browser writes them. */
  readonly workDir: string;
  readonly timeoutMs?: number;
}

/** A certificate of the chain as the browser saw it. */
export interface TlsInfo {
  readonly scheme: 'https' | 'http';
  readonly note: string;
  readonly protocol?: string | null;
  readonly subjectName?: string | null;
  readonly issuer?: string | null;
  readonly validFrom?: number | null;
  readonly validTo?: number | null;
  /** The chain, leaf first, PEM. */
  readonly chainPem?: readonly string[];
}

/** One document of the main frame: a hop of the redirect chain, or the page the visit ended on. */
export interface DocumentHop {
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  /** Where a redirect sent the browser (its Location header), else null. */
  readonly location: string | null;
  readonly host: string;
  /**
   * The server that sent it: the addresses the guard proxy resolved the host to and checked (without an
   * upstream proxy, the ones it connected to). The HAR cannot say: the browser only ever talks to the guard.
   */
  readonly serverAddresses: readonly string[];
  /** Every response header as the browser received it, read while the page was still open. */
  readonly headers: Record<string, string>;
}

export interface VisitResult {
  /** The site answered with a page of its own and the capture completed. */
  readonly ok: boolean;
  /** Whether the site answered with a page of its own (not a proxy's error page). */
  readonly reachable: boolean;
  /** Why the site was not reached (Chinese, one sentence), when it was not. */
  readonly unreachableReason: string | null;
  readonly error: string | null;
  readonly url: string;
  readonly finalUrl: string | null;
  readonly status: number | null;
  /** The headers of the document the visit ended on. */
  readonly headers: Record<string, string>;
  /** Every document of the main frame, in order: the redirect chain and the final page. */
  readonly documents: readonly DocumentHop[];
  /** The fresh DNS answer for the host visited first. */
  readonly dns: DnsAnswer;
  readonly resolvedIps: readonly string[];
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly screenshot: Buffer | null;
  readonly html: string | null;
  readonly mhtml: string | null;
  /** The HAR file in workDir, read into the packet by the caller. */
  readonly harFile: string | null;
  /** The video of the visit: Playwright's WebM, or the screencast as MJPEG AVI. */
  readonly video: { readonly data: Buffer; readonly format: 'webm' | 'avi' } | null;
  readonly tls: TlsInfo;
  readonly blocked: readonly string[];
  readonly guardProxy: string;
  readonly steps: readonly { at: string; step: string }[];
  readonly notes: readonly string[];
}

/** A browser for evidence: one recorded visit per site, and PDFs printed offline. */
export interface EvidenceBrowser {
  /** "Chromium <version>", for the packet's tool record. */
  readonly version: string;
  visit(opts: VisitOptions): Promise<VisitResult>;
  /** Prints an HTML page to PDF, offline (the report's images are data: URLs). */
  printPdf(html: string): Promise<Buffer>;
  /** This machine's public addresses: when the visit goes out directly, one of them is what the site saw. */
  exitAddresses(): string[];
  /** A navigation error as one Chinese sentence for the record. */
  describeError(message: string): string;
  close(): Promise<void>;
}
