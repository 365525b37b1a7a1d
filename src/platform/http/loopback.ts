/** Hosts on this machine: the proxy reaches them over plain HTTP, as real local servers (never through a stub). */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

export const isLoopback = (url: URL): boolean => LOOPBACK.test(url.hostname);
