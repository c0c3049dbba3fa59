// sm-crypto ships no types; only the SM2 calls jianzhen uses are declared.
declare module 'sm-crypto' {
  interface SignOptions {
    hash?: boolean;
    der?: boolean;
    publicKey?: string;
    userId?: string;
  }
  export const sm2: {
    generateKeyPairHex(): { privateKey: string; publicKey: string };
    getPublicKeyFromPrivateKey(privateKey: string): string;
    doSignature(msg: string | Uint8Array | number[], privateKey: string, options?: SignOptions): string;
    doVerifySignature(msg: string | Uint8Array | number[], signHex: string, publicKey: string, options?: SignOptions): boolean;
  };
  const smCrypto: { sm2: typeof sm2 };
  export default smCrypto;
}
