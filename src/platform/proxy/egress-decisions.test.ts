/**
 * One table of egress decisions, run against Forge's own matcher (@forge/egress) and against the
 * proxy's decision (its reading of the target and scheme, then its allow-list), so the two can
 * never drift: scheme, ports, wildcards, `*`.
 */
import { EgressFilteringService } from '@forge/egress';
import { expect, test } from '@playwright/test';
import { AllowList } from './allow-list';
import { egressUrl } from './proxy-target';

const CASES: { entries: string[]; url: string; allowed: boolean }[] = [
  // An entry without a scheme is https only.
  { entries: ['api.example.com'], url: 'https://api.example.com/v1/x?y=1', allowed: true },
  { entries: ['api.example.com'], url: 'http://api.example.com/v1/x', allowed: false },
  { entries: ['api.example.com'], url: 'https://sub.api.example.com/', allowed: false },
  { entries: ['api.example.com'], url: 'https://api.example.com.evil.test/', allowed: false },
  // A scheme in the entry is that scheme only.
  { entries: ['http://plain.example.com'], url: 'http://plain.example.com/x', allowed: true },
  { entries: ['http://plain.example.com'], url: 'https://plain.example.com/x', allowed: false },
  { entries: ['https://secure.example.com'], url: 'http://secure.example.com/x', allowed: false },
  // Ports are part of the host.
  { entries: ['https://api.example.com:8443'], url: 'https://api.example.com:8443/x', allowed: true },
  { entries: ['https://api.example.com:8443'], url: 'https://api.example.com/x', allowed: false },
  { entries: ['api.example.com'], url: 'https://api.example.com:8443/x', allowed: false },
  // A wildcard covers subdomains, not the domain, and https only without a scheme.
  { entries: ['*.example.net'], url: 'https://eu.example.net/x', allowed: true },
  { entries: ['*.example.net'], url: 'https://a.b.example.net/x', allowed: true },
  { entries: ['*.example.net'], url: 'https://example.net/x', allowed: false },
  { entries: ['*.example.net'], url: 'http://eu.example.net/x', allowed: false },
  // `*` is any host, over either scheme.
  { entries: ['*'], url: 'https://anything.example.org/x', allowed: true },
  { entries: ['*'], url: 'http://anything.example.org/x', allowed: true },
];

test('@forge/egress decides each case as the table says', () => {
  for (const { entries, url, allowed } of CASES) expect(new EgressFilteringService(entries).isValidUrl(url), `${entries} → ${url}`).toBe(allowed);
});

test('the proxy decides each case as @forge/egress does, from the target form and the scheme the runtime passes on', () => {
  for (const { entries, url, allowed } of CASES) {
    const asked = new URL(url);
    const scheme = asked.protocol === 'https:' ? undefined : asked.protocol.replace(/:$/, '');
    const judged = egressUrl(`/proxy/${asked.host}${asked.pathname}${asked.search}`, scheme);
    expect(judged !== undefined && new AllowList(entries).allows(judged), `${entries} → ${url}`).toBe(allowed);
  }
  // A scheme the proxy does not know is no target at all.
  expect(egressUrl('/proxy/api.example.com/x', 'gopher')).toBeUndefined();
});
