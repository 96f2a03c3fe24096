import { join } from 'node:path';
import { readFileIfExists, writeFileAtomic } from './atomic-file.js';

const FLUSH_DELAY_MS = 200;

/**
 * A keyed collection kept in memory and mirrored to `<dataDir>/state/<name>.json`.
 * Writes are coalesced (one atomic write per burst), and `flush()` is awaited on close.
 */
export class DurableCollection<V> {
  private readonly map = new Map<string, V>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(
    private readonly path: string,
    private readonly persist: boolean,
  ) {}

  /** `persist: false` keeps changes in memory only (what is on disk is still read at start). */
  static async open<V>(dataDir: string, name: string, seed: () => Iterable<[string, V]>, persist = true): Promise<DurableCollection<V>> {
    const collection = new DurableCollection<V>(join(dataDir, 'state', `${name}.json`), persist);
    const text = await readFileIfExists(collection.path);
    if (text === undefined) {
      for (const [k, v] of seed()) collection.map.set(k, v);
      collection.touch();
    } else {
      const entries = JSON.parse(text) as [string, V][];
      for (const [k, v] of entries) collection.map.set(k, v);
    }
    return collection;
  }

  get size(): number {
    return this.map.size;
  }
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  values(): IterableIterator<V> {
    return this.map.values();
  }
  set(key: string, value: V): void {
    this.map.set(key, value);
    this.touch();
  }
  delete(key: string): boolean {
    const deleted = this.map.delete(key);
    if (deleted) this.touch();
    return deleted;
  }
  /** Mark as changed after mutating a stored value in place. */
  touch(): void {
    if (!this.persist) return;
    this.dirty = true;
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, FLUSH_DELAY_MS);
    }
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      await writeFileAtomic(this.path, JSON.stringify([...this.map.entries()]));
    });
    return this.writing;
  }
}
