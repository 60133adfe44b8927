export default function open(target: string, options?: unknown): Promise<never>
