/**
 * What is wrong with a handler's answer whatever the request expected: a 2xx that says it is JSON
 * and is not (every client of the API fails to read it), and a 5xx to a request the app itself
 * gave as its example (an app bug the run saw, not a missing piece of evidence).
 */

const JSON_TYPE = /^application\/([\w.+-]*\+)?json\s*(;|$)/i;

/** Why the answer is broken (none: it is not), for the check that saw it. */
export function answerDefects(answer: { status: number; headers: Headers; text: string }, { ownExample }: { ownExample: boolean }): string[] {
  const defects: string[] = [];
  const type = answer.headers.get('content-type') ?? '';
  if (answer.status >= 200 && answer.status < 300 && JSON_TYPE.test(type) && answer.status !== 204 && answer.text !== '') {
    try {
      JSON.parse(answer.text);
    } catch (error) {
      defects.push(
        `the ${answer.status} answer says content-type ${type} but its body is not JSON (${(error as Error).message}): ${JSON.stringify(answer.text.slice(0, 120))}`,
      );
    }
  }
  if (ownExample && answer.status >= 500)
    defects.push(`the handler answered ${answer.status} to the route's own example request from conformance.yaml: ${answer.text.slice(0, 200)}`);
  return defects;
}
