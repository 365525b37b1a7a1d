/**
 * Edits under an app folder, as editors make them. One inotify watch per directory rather than
 * fs.watch's recursive mode, which on Linux watches files and loses a file that an editor (or
 * `sed -i`) replaces by renaming a new one over it.
 */
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** Never a change to a check: dependencies, version control, hidden files, editor backups. */
const IGNORED = /^(node_modules|\.|.*~$)/;

/** One save: the files it created, wrote or removed (absolute paths), and when its first event came. */
export interface Edit {
  files: string[];
  at: number;
}

/**
 * Calls `onEdit` once per burst of events (an editor's save is several: write, rename, chmod),
 * until the signal. A file that came and went within the burst (an editor's temporary) is no edit.
 */
export function watchAppFolder(root: string, onEdit: (edit: Edit) => void, signal: AbortSignal): void {
  const watchers = new Map<string, FSWatcher>();
  const known = new Set<string>();
  let burst = new Set<string>();
  let at = 0;
  let timer: NodeJS.Timeout | undefined;
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  const flush = () => {
    const files = [...burst].filter((file) => {
      const exists = statSync(file, { throwIfNoEntry: false }) !== undefined;
      const wasThere = known.has(file);
      if (exists) known.add(file);
      else known.delete(file);
      return exists || wasThere;
    });
    burst = new Set();
    if (files.length) onEdit({ files, at });
  };
  const onChange = (file: string) => {
    if (burst.size === 0) at = performance.now();
    burst.add(file);
    clearTimeout(timer);
    timer = setTimeout(flush, 30);
  };
  const add = (dir: string) => {
    if (watchers.has(dir) || signal.aborted) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { signal }, (_event, name) => {
        if (!name || IGNORED.test(name)) return;
        const path = join(dir, name);
        if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) return addTree(path);
        onChange(path);
      });
    } catch {
      return; // gone already, or not readable: nothing in it to watch
    }
    watcher.on('error', () => watchers.delete(dir));
    watcher.on('close', () => watchers.delete(dir));
    watchers.set(dir, watcher);
  };
  const addTree = (dir: string) => {
    add(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (IGNORED.test(entry.name)) continue;
      if (entry.isDirectory()) addTree(join(dir, entry.name));
      else known.add(join(dir, entry.name));
    }
  };
  addTree(root);
}
