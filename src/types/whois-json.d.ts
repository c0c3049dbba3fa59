// whois-json ships no types; this declares the one call jianzhen uses.
declare module 'whois-json' {
  export interface WhoisJsonOptions {
    /** "host:port" of the WHOIS server to ask instead of the registry's. */
    server?: string;
    /** How many referrals ("Registrar WHOIS Server:") to follow; 0 = none. */
    follow?: number;
    timeout?: number;
    encoding?: string;
    verbose?: boolean;
  }
  /** Parsed record: each "Key: value" line as camelCase key → value (repeated keys joined by a space). */
  export type WhoisJsonResult = Record<string, string>;
  function whois(domain: string, options?: WhoisJsonOptions): Promise<WhoisJsonResult>;
  export default whois;
}
