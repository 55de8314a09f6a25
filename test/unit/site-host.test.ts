import { describe, expect, it } from 'vitest';
import { readSiteSettings, writeSiteSettings } from '../../entrypoints/background/site-settings';
import { siteHost, siteOfUrl } from '../../src/site-host';
import { memoryArea } from './support/memory-area';

describe('siteHost', () => {
  it.each([
    ['news.example.com', 'news.example.com'],
    ['News.Example.COM', 'news.example.com'],
    ['news.example.com.', 'news.example.com'],
    ['news.example.com:8080', 'news.example.com'],
    ['News.Example.com.:8080', 'news.example.com'],
    ['127.0.0.1:41234', '127.0.0.1'],
    ['[::1]:8080', '[::1]'],
    ['[::1]', '[::1]'],
    ['*.Example.com.', '*.example.com'],
    ['  example.com  ', 'example.com'],
  ])('%s → %s', (input, expected) => {
    expect(siteHost(input)).toBe(expected);
  });

  it('reads the site of an address, and none from an address without a host', () => {
    expect(siteOfUrl('https://News.Example.com.:8443/a?b#c')).toBe('news.example.com');
    expect(siteOfUrl('about:blank')).toBeNull();
    expect(siteOfUrl('not a url')).toBeNull();
    expect(siteOfUrl(undefined)).toBeNull();
  });
});

describe('site settings under every spelling of a host', () => {
  const settings = memoryArea();
  const stored = () => [...settings.items.keys()];

  it('a site turned off under one spelling is off under every other, and on again under any', async () => {
    await writeSiteSettings({ settings, host: 'News.Example.com.:8080', enabled: false });
    expect(stored()).toEqual(['site:news.example.com']);
    for (const spelling of ['news.example.com', 'NEWS.example.com', 'news.example.com.', 'news.example.com:443']) {
      expect(await readSiteSettings({ settings, host: spelling }), spelling).toMatchObject({ host: 'news.example.com', enabled: false });
    }
    expect(await readSiteSettings({ settings, host: 'example.com' })).toMatchObject({ enabled: true });
    await writeSiteSettings({ settings, host: 'NEWS.EXAMPLE.COM.', enabled: true });
    expect(stored()).toEqual([]);
  });

  it('a rule stored before hosts were normalised still applies, and is removed by turning the site on', async () => {
    await settings.set({ 'site:Old.Example:8080': false });
    expect(await readSiteSettings({ settings, host: 'old.example' })).toMatchObject({ enabled: false });
    await writeSiteSettings({ settings, host: 'old.example', enabled: true });
    expect(stored()).toEqual([]);
  });
});
