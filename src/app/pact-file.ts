/** A pact file, read and checked before pact-core sees it, and the interactions it holds. */
import { readFileSync } from 'node:fs';
import { AppLoadError } from './app-load-error';

export interface PactFile {
  consumer: { name: string };
  interactions: { description: string; providerStates?: { name: string }[] }[];
}

/** One interaction of a pact file: what a CONTRACT-PACT-01 case verifies. */
export interface PactInteraction {
  file: string;
  consumer: string;
  description: string;
}

/** A pact file read and checked before pact-core sees it: a file that is no pact is one sentence, never "every interaction holds". */
export function readPact(file: string): PactFile {
  let pact: unknown;
  try {
    pact = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppLoadError(`${file} is not a Pact file: ${(error as Error).message}`);
  }
  const shaped = pact as Partial<PactFile> | null;
  if (typeof shaped?.consumer?.name !== 'string' || !Array.isArray(shaped.interactions) || shaped.interactions.some((i) => typeof i?.description !== 'string'))
    throw new AppLoadError(`${file} is not a Pact file: it needs consumer.name and a list of interactions, each with a description`);
  if (shaped.interactions.length === 0) throw new AppLoadError(`${file} has no interactions: there is nothing to verify`);
  return shaped as PactFile;
}

/** Every interaction of the pact files, in file order; a file that is no pact stops with its sentence. */
export const pactInteractions = (files: readonly string[]): PactInteraction[] =>
  files.flatMap((file) => {
    const pact = readPact(file);
    return pact.interactions.map((i) => ({ file, consumer: pact.consumer.name, description: i.description }));
  });
