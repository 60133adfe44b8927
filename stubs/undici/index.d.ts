export declare class ProxyAgent {
  constructor(options?: unknown)
  dispatch(): never
}
export declare function fetch(input: unknown, init?: unknown): Promise<never>
