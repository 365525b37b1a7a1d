#!/usr/bin/env tsx
/** Builds dist/ (the CLI and the platform's processes, bundled).   npm run build; npm ci runs it too. */
import { buildDist, DIST } from '../src/build/build-dist';

const started = performance.now();
await buildDist();
console.log(`built ${DIST} in ${Math.round(performance.now() - started)} ms`);
