/**
 * The index of published CAP messages as Atom 1.0 and RSS 2.0, the two forms CAP aggregators
 * (e.g. the WMO Alert Hub, Google Public Alerts) read. Each entry links to one CAP XML message.
 */
import { XMLBuilder } from 'fast-xml-parser';

export interface FeedEntry {
  /** Absolute URL of the CAP XML message. */
  url: string;
  identifier: string;
  title: string;
  summary: string;
  sent: Date;
}

export interface FeedChannel {
  /** Absolute URL of the feed itself. */
  self: string;
  /** Absolute URL of the public page of alerts. */
  page: string;
  title: string;
  author: string;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: true,
  indentBy: '  ',
});
const DECLARATION = { '@version': '1.0', '@encoding': 'UTF-8' };

export function buildAtom(channel: FeedChannel, entries: FeedEntry[], now: Date): string {
  const updated = entries.reduce((latest, e) => (e.sent > latest ? e.sent : latest), entries[0]?.sent ?? now);
  return builder.build({
    '?xml': DECLARATION,
    feed: {
      '@xmlns': 'http://www.w3.org/2005/Atom',
      id: channel.self,
      title: channel.title,
      updated: updated.toISOString(),
      author: { name: channel.author },
      link: [
        { '@rel': 'self', '@type': 'application/atom+xml', '@href': channel.self },
        { '@rel': 'alternate', '@type': 'text/html', '@href': channel.page },
      ],
      entry: entries.map((e) => ({
        id: e.url,
        title: e.title,
        updated: e.sent.toISOString(),
        summary: e.summary,
        link: { '@rel': 'alternate', '@type': 'application/cap+xml', '@href': e.url },
      })),
    },
  }) as string;
}

export function buildRss(channel: FeedChannel, entries: FeedEntry[], now: Date): string {
  return builder.build({
    '?xml': DECLARATION,
    rss: {
      '@version': '2.0',
      '@xmlns:atom': 'http://www.w3.org/2005/Atom',
      channel: {
        title: channel.title,
        link: channel.page,
        description: channel.title,
        language: 'vi',
        lastBuildDate: now.toUTCString(),
        'atom:link': { '@rel': 'self', '@type': 'application/rss+xml', '@href': channel.self },
        item: entries.map((e) => ({
          title: e.title,
          link: e.url,
          description: e.summary,
          pubDate: e.sent.toUTCString(),
          guid: { '@isPermaLink': 'false', '#text': e.identifier },
        })),
      },
    },
  }) as string;
}
