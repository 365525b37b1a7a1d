/**
 * testcontainers as the harness uses it: every start of a container goes through this module, so
 * the settings this machine needs are in place first. No registry is reachable, so testcontainers
 * must neither pull Ryuk nor probe the host with alpine (facts.md §9); it reads both when it first
 * starts a container.
 */
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';

export { GenericContainer, type StartedTestContainer } from 'testcontainers';
