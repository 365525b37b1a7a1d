#!/usr/bin/env tsx
/** Builds the images the containers target runs (only what changed).   npm run build-images */
import { ensureBaseImage } from '../src/stack/containers/base-image';

const { tag, built, ms } = ensureBaseImage();
console.log(`${built ? 'built' : 'up to date'}: ${tag} (${(ms / 1000).toFixed(1)} s)`);
