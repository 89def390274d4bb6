import { describe, expect, it } from 'vitest';
import { isOwnOrigin, ownOrigins } from './origin.js';

describe('issue 9 defect 10: which Origin may open a live socket', () => {
  const table: [publicUrl: string, origin: string, own: boolean][] = [
    ['https://relief.example', 'https://relief.example', true],
    ['https://relief.example/', 'https://RELIEF.example:443', true], // case and the default port do not matter
    ['https://relief.example/console', 'https://relief.example', true], // the path of PUBLIC_URL is not part of its origin
    ['https://relief.example', 'http://relief.example', false], // another scheme is another origin
    ['https://relief.example', 'https://relief.example:8443', false],
    ['https://relief.example', 'https://evil.example', false],
    ['https://relief.example', 'https://relief.example.evil.example', false],
    ['https://relief.example', 'https://sub.relief.example', false], // same site, not same origin
    ['https://relief.example', 'null', false], // sandboxed frame or file
    ['https://relief.example', '', false],
    ['https://relief.example', 'not a url', false],
    // The default PUBLIC_URL names localhost while the server listens on 127.0.0.1: either spelling is this listener.
    ['http://localhost:3000', 'http://127.0.0.1:3000', true],
    ['http://localhost:3000', 'http://[::1]:3000', true],
    ['http://127.0.0.1:3000', 'http://localhost:3000', true],
    ['http://localhost:3000', 'http://localhost:5173', false], // another port is another listener
    ['http://localhost:3000', 'https://localhost:3000', false],
    ['https://relief.example', 'https://localhost', false], // loopback aliases only for a loopback PUBLIC_URL
  ];
  it.each(table)('PUBLIC_URL %s, Origin %s: own %s', (publicUrl, origin, own) => {
    expect(isOwnOrigin(origin, ownOrigins(publicUrl))).toBe(own);
  });
});
