/** A plain mapping read from JSON or YAML: an object that is not a list (and not null). */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
