/**
 * oidc-provider's storage, in memory, with expiry. Passed explicitly so the provider starts
 * quietly and fast; one instance per stack, so stacks never share grants or tokens.
 */
export function memoryAdapterClass() {
  const store = new Map<string, { payload: Record<string, unknown>; expiresAt: number | undefined }>();
  const grantIndex = new Map<string, Set<string>>();
  const now = () => Date.now();

  return class MemoryAdapter {
    constructor(private readonly model: string) {}

    private key(id: string) {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number) {
      const key = this.key(id);
      store.set(key, { payload, expiresAt: expiresIn ? now() + expiresIn * 1000 : undefined });
      if (typeof payload.grantId === 'string') {
        const keys = grantIndex.get(payload.grantId) ?? new Set<string>();
        keys.add(key);
        grantIndex.set(payload.grantId, keys);
      }
    }

    async find(id: string) {
      const entry = store.get(this.key(id));
      if (!entry) return undefined;
      if (entry.expiresAt !== undefined && entry.expiresAt <= now()) {
        store.delete(this.key(id));
        return undefined;
      }
      return entry.payload;
    }

    async findByUid(uid: string) {
      for (const [key, entry] of store) {
        if (key.startsWith(`${this.model}:`) && entry.payload.uid === uid) return this.find(key.slice(this.model.length + 1));
      }
      return undefined;
    }

    async findByUserCode(userCode: string) {
      for (const [key, entry] of store) {
        if (key.startsWith(`${this.model}:`) && entry.payload.userCode === userCode) return this.find(key.slice(this.model.length + 1));
      }
      return undefined;
    }

    async consume(id: string) {
      const entry = store.get(this.key(id));
      if (entry) entry.payload.consumed = Math.floor(now() / 1000);
    }

    async destroy(id: string) {
      store.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string) {
      for (const key of grantIndex.get(grantId) ?? []) store.delete(key);
      grantIndex.delete(grantId);
    }
  };
}
