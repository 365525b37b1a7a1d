#!/usr/bin/env tsx
/** Builds the image the containers target runs (only what changed).   npm run build-images */
import { ensurePlatformImage } from '../src/stack/containers/platform-image';

const { tag, built, ms } = await ensurePlatformImage();
console.log(`${built ? 'built' : 'up to date'}: ${tag} (${(ms / 1000).toFixed(1)} s)`);
