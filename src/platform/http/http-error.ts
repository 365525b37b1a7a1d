/** A request the component refuses; turned into a JSON response in one place (router.ts). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown> = { error: message },
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
