/**
 * The newest `capacity` entries of a log, oldest first. A ring: recording the next entry never
 * moves the others (the platform's logs record on every call; an array's shift would copy the
 * whole log each time once it is full).
 */
export class BoundedLog<T> {
  private readonly ring: T[] = [];
  /** Once full: where the oldest entry is, and the next one goes. */
  private oldest = 0;

  constructor(private readonly capacity: number) {}

  add(entry: T): T {
    if (this.ring.length < this.capacity) this.ring.push(entry);
    else {
      this.ring[this.oldest] = entry;
      this.oldest = (this.oldest + 1) % this.capacity;
    }
    return entry;
  }

  /** Every entry kept, oldest first (a copy). */
  entries(): T[] {
    return this.oldest === 0 ? [...this.ring] : [...this.ring.slice(this.oldest), ...this.ring.slice(0, this.oldest)];
  }
}

/**
 * A platform service's log of the calls it served (storage, queues): each entry stamped when
 * recorded, the newest 50,000 kept, and read whole or for one invocation.
 */
export class ServiceLog<E extends { at: string; invocationId: string | undefined }> {
  private readonly log = new BoundedLog<E>(50_000);

  record(entry: Omit<E, 'at'>): void {
    this.log.add({ at: new Date().toISOString(), ...entry } as E);
  }

  query({ invocationId }: { invocationId?: string } = {}): E[] {
    const entries = this.log.entries();
    return invocationId === undefined ? entries : entries.filter((e) => e.invocationId === invocationId);
  }
}
