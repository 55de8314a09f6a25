import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What the built extensions ask of the browser and expose to the web: no
 * permissions, no host permissions, nothing web-accessible, no door for other
 * extensions or sites, and a CSP that lets no extension context connect,
 * submit a form, set a base URL, embed a plugin or be framed.
 */
const BUILDS = [
  ['chromium', 'chrome-mv3'],
  ['firefox', 'firefox-mv2'],
] as const;

const outDir = (dir: string) => resolve(import.meta.dirname, '../../.output', dir);
const readManifest = (dir: string) => JSON.parse(readFileSync(join(outDir(dir), 'manifest.json'), 'utf8')) as Record<string, unknown>;

function scripts(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(dir, f));
}

describe.each(BUILDS)('%s: the built manifest and bundles', (_name, dir) => {
  const manifest = readManifest(dir);

  it('asks for no permission but storage (no install warning) and no hosts', () => {
    expect(manifest.permissions ?? []).toEqual(['storage']);
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions ?? []).toEqual([]);
  });

  it('makes nothing web-accessible', () => {
    // Card CSS is inlined into the shadow root and links go through the background (openSource).
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  });

  it('accepts no messages from other extensions or from web pages', () => {
    expect(manifest).not.toHaveProperty('externally_connectable');
    for (const file of scripts(outDir(dir))) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/onMessageExternal|onConnectExternal|onConnect\b|runtime\.connect\b/);
    }
  });

  it('gives extension pages a CSP: only their own scripts, and no connections, form posts, base URL, plugins or framing by others', () => {
    const csp = manifest.content_security_policy;
    // Firefox MV2 takes a string, Chrome MV3 an object with extension_pages.
    const policy = typeof csp === 'string' ? csp : (csp as { extension_pages?: string } | undefined)?.extension_pages;
    expect(typeof policy).toBe('string');
    const directives = new Map(
      policy!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...values]) => [name!, values.join(' ')]),
    );
    expect(Object.fromEntries(directives)).toEqual({
      'script-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
      'connect-src': "'none'",
    });
  });

  it('injects its content script only into http and https pages', () => {
    const content = manifest.content_scripts as { matches: string[] }[];
    expect(content.flatMap((c) => c.matches).sort()).toEqual(['http://*/*', 'https://*/*']);
  });
});
