import { eventInputSchema } from '@ioc/shared';
import { describe, expect, it } from 'vitest';
import { buildCap, capDateTime, capToEventInput, parseCap, type CapAlert } from './cap.js';

const NS = 'urn:oasis:names:tc:emergency:cap:1.2';

/** A flood warning in the shape provincial hydro-met stations publish. */
const FLOOD = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="${NS}">
  <identifier>VN-KTTV-BP-2025-0142</identifier>
  <sender>kttv.binhphuoc@example.vn</sender>
  <sent>2025-06-01T08:00:00+07:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>vi-VN</language>
    <category>Met</category>
    <category>Geo</category>
    <event>Lũ quét</event>
    <responseType>Evacuate</responseType>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <onset>2025-06-01T10:00:00+07:00</onset>
    <expires>2025-06-02T08:00:00+07:00</expires>
    <headline>Cảnh báo lũ quét trên sông Bé</headline>
    <description>Mưa lớn &amp; xả lũ hồ Thác Mơ.</description>
    <instruction>Di dời người dân ven sông.</instruction>
    <area>
      <areaDesc>Thị xã Phước Long</areaDesc>
      <polygon>11.80,106.95 11.80,107.05 11.90,107.05 11.90,106.95 11.80,106.95</polygon>
      <geocode><valueName>GSO</valueName><value>688</value></geocode>
    </area>
  </info>
  <info>
    <language>en-US</language>
    <category>Met</category>
    <event>Flash flood</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <area><areaDesc>Phuoc Long</areaDesc><circle>11.84,106.99 10</circle></area>
  </info>
</alert>`;

const mutate = (from: string | RegExp, to: string) => FLOOD.replace(from, to);

describe('parseCap', () => {
  it('reads a valid alert with its info blocks, areas, polygons, circles and geocodes', () => {
    const alert = parseCap(FLOOD);
    expect(alert).toMatchObject({
      identifier: 'VN-KTTV-BP-2025-0142',
      sender: 'kttv.binhphuoc@example.vn',
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
    });
    expect(alert.infos).toHaveLength(2);
    const vi = alert.infos[0]!;
    expect(vi.categories).toEqual(['Met', 'Geo']);
    expect(vi.description).toBe('Mưa lớn & xả lũ hồ Thác Mơ.');
    expect(vi.areas[0]!.polygons[0]![1]).toEqual([11.8, 107.05]);
    expect(vi.areas[0]!.geocodes).toEqual([{ valueName: 'GSO', value: '688' }]);
    expect(alert.infos[1]!.areas[0]!.circles).toEqual([{ lat: 11.84, lon: 106.99, radiusKm: 10 }]);
  });

  it('accepts a namespace prefix', () => {
    const prefixed = FLOOD.replace(`<alert xmlns="${NS}">`, `<cap:alert xmlns:cap="${NS}">`)
      .replace('</alert>', '</cap:alert>')
      .replace(/<(\/?)(identifier|sender|sent|status|msgType|scope)>/g, '<$1cap:$2>');
    expect(parseCap(prefixed).identifier).toBe('VN-KTTV-BP-2025-0142');
  });

  it.each([
    ['malformed XML', '<alert xmlns="x"><identifier></alert>', 'alert', /Không đọc được XML/],
    [
      'a DOCTYPE',
      `<!DOCTYPE alert [<!ENTITY a "aaaa">]>${FLOOD.replace(/^<\?xml[^>]*>/, '')}`,
      'alert',
      /DOCTYPE/,
    ],
    ['another root', `<feed xmlns="${NS}"/>`, 'alert', /Phần tử gốc phải là <alert>/],
    ['CAP 1.1 namespace', mutate(NS, 'urn:oasis:names:tc:emergency:cap:1.1'), 'alert', /không gian tên/],
    [
      'no identifier',
      mutate(/<identifier>.*<\/identifier>/, ''),
      'alert/identifier',
      /Thiếu phần tử bắt buộc <identifier>/,
    ],
    ['no scope', mutate('<scope>Public</scope>', ''), 'alert/scope', /<scope>/],
    ['a bad status', mutate('<status>Actual</status>', '<status>Real</status>'), 'alert/status', /"Real"/],
    [
      'a bad msgType',
      mutate('<msgType>Alert</msgType>', '<msgType>Warning</msgType>'),
      'alert/msgType',
      /Warning/,
    ],
    [
      'a bad category',
      mutate('<category>Geo</category>', '<category>Flood</category>'),
      'alert/info[1]/category[2]',
      /Flood/,
    ],
    [
      'a bad urgency',
      mutate('<urgency>Immediate</urgency>', '<urgency>Now</urgency>'),
      'alert/info[1]/urgency',
      /Now/,
    ],
    ['no severity', mutate('<severity>Severe</severity>', ''), 'alert/info[1]/severity', /<severity>/],
    ['no event', mutate('<event>Lũ quét</event>', ''), 'alert/info[1]/event', /<event>/],
    [
      'a "Z" time',
      mutate('2025-06-01T08:00:00+07:00', '2025-06-01T01:00:00Z'),
      'alert/sent',
      /múi giờ dạng số/,
    ],
    [
      'fractional seconds',
      mutate('<expires>2025-06-02T08:00:00+07:00', '<expires>2025-06-02T08:00:00.5+07:00'),
      'alert/info[1]/expires',
      /expires/,
    ],
    [
      'an open polygon',
      mutate('11.90,106.95 11.80,106.95</polygon>', '11.90,106.95 11.85,106.95</polygon>'),
      'alert/info[1]/area[1]/polygon[1]',
      /khép kín/,
    ],
    [
      'a polygon of three pairs',
      mutate(/<polygon>.*<\/polygon>/, '<polygon>11.8,106.9 11.9,107 11.8,106.9</polygon>'),
      'alert/info[1]/area[1]/polygon[1]',
      /ít nhất 4/,
    ],
    [
      'a latitude out of range',
      mutate('11.80,107.05', '181.80,107.05'),
      'alert/info[1]/area[1]/polygon[1]',
      /vĩ độ,kinh độ/,
    ],
    [
      'an area without areaDesc',
      mutate('<areaDesc>Thị xã Phước Long</areaDesc>', ''),
      'alert/info[1]/area[1]/areaDesc',
      /areaDesc/,
    ],
    [
      'an identifier with a space',
      mutate('VN-KTTV-BP-2025-0142', 'VN KTTV'),
      'alert/identifier',
      /khoảng trắng/,
    ],
    [
      'an Update without references',
      mutate('<msgType>Alert</msgType>', '<msgType>Update</msgType>'),
      'alert/references',
      /references/,
    ],
    [
      'malformed references',
      mutate('<scope>Public</scope>', '<scope>Public</scope><references>only-an-id</references>'),
      'alert/references',
      /sender,identifier,sent/,
    ],
  ])('rejects %s, naming the element in Vietnamese and English', (_, xml, element, message) => {
    let error: unknown;
    try {
      parseCap(xml);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ element });
    expect((error as { vi: string }).vi).toMatch(message);
    expect((error as { en: string }).en.length).toBeGreaterThan(10);
  });
});

describe('buildCap', () => {
  const issued: CapAlert = {
    identifier: 'ioc-70-0001',
    sender: 'ioc.binhphuoc.example',
    sent: capDateTime(new Date('2025-06-01T01:00:00Z')),
    status: 'Actual',
    msgType: 'Update',
    scope: 'Public',
    references: 'ioc.binhphuoc.example,ioc-70-0000,2025-06-01T07:30:00+07:00',
    infos: [
      {
        language: 'vi-VN',
        categories: ['Met'],
        event: 'Mưa lớn',
        urgency: 'Expected',
        severity: 'Moderate',
        certainty: 'Likely',
        effective: '2025-06-01T08:00:00+07:00',
        expires: '2025-06-02T08:00:00+07:00',
        senderName: 'Trung tâm IOC',
        headline: 'Mưa lớn <100 mm> & gió',
        description: 'Mưa to',
        instruction: 'Hạn chế ra đường',
        areas: [
          {
            areaDesc: 'Đồng Xoài',
            polygons: [
              [
                [11.5, 106.8],
                [11.5, 107],
                [11.6, 107],
                [11.5, 106.8],
              ],
            ],
            circles: [{ lat: 11.53, lon: 106.89, radiusKm: 5 }],
            geocodes: [{ valueName: 'GSO', value: '689' }],
          },
        ],
      },
    ],
  };

  it('writes times with whole seconds and a numeric offset', () => {
    expect(capDateTime(new Date('2025-06-01T01:00:00.750Z'))).toBe('2025-06-01T08:00:00+07:00');
    expect(capDateTime(new Date('2025-06-01T01:00:00Z'), 0)).toBe('2025-06-01T01:00:00-00:00');
    expect(capDateTime(new Date('2025-06-01T01:00:00Z'), -330)).toBe('2025-05-31T19:30:00-05:30');
  });

  it('writes XML that our own parser reads back to the same alert', () => {
    expect(parseCap(buildCap(issued))).toEqual(issued);
  });

  it('follows the CAP 1.2 schema: namespace, element order, escaped text, closed lat,lon rings', () => {
    const xml = buildCap(issued);
    expect(xml).toMatch(new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?>\\s*<alert xmlns="${NS}">`));
    const order = (names: string[], within: string) => {
      const positions = names.map((n) => within.indexOf(`<${n}>`));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    };
    order(['identifier', 'sender', 'sent', 'status', 'msgType', 'scope', 'references', 'info'], xml);
    order(
      [
        'language',
        'category',
        'event',
        'urgency',
        'severity',
        'certainty',
        'effective',
        'expires',
        'senderName',
        'headline',
        'description',
        'instruction',
        'area',
      ],
      xml,
    );
    order(['areaDesc', 'polygon', 'circle', 'geocode'], xml);
    expect(xml).toContain('<headline>Mưa lớn &lt;100 mm&gt; &amp; gió</headline>');
    expect(xml).toContain('<polygon>11.5,106.8 11.5,107 11.6,107 11.5,106.8</polygon>');
    for (const [, time] of xml.matchAll(/<(?:sent|effective|expires)>([^<]+)</g))
      expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  });
});

describe('capToEventInput', () => {
  it('turns an alert into a valid event with the polygon as GeoJSON [lon, lat]', () => {
    const event = capToEventInput(parseCap(FLOOD))!;
    expect(eventInputSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      source: 'cap:kttv.binhphuoc@example.vn',
      sourceId: 'VN-KTTV-BP-2025-0142',
      category: 'NN',
      severity: 'severe',
      occurredAt: '2025-06-01T03:00:00.000Z',
      title: 'Cảnh báo lũ quét trên sông Bé',
      unitCode: '688',
    });
    expect(event.location).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [106.95, 11.8],
          [107.05, 11.8],
          [107.05, 11.9],
          [106.95, 11.9],
          [106.95, 11.8],
        ],
      ],
    });
  });

  it('marks a cancellation in the title and has no event for an Ack', () => {
    const cancel = mutate('<msgType>Alert</msgType>', '<msgType>Cancel</msgType>').replace(
      '<scope>Public</scope>',
      '<scope>Public</scope><references>kttv.binhphuoc@example.vn,VN-KTTV-BP-2025-0141,2025-06-01T07:00:00+07:00</references>',
    );
    expect(capToEventInput(parseCap(cancel))?.title).toBe('[Hủy / Cancelled] Cảnh báo lũ quét trên sông Bé');
    const ack = `<alert xmlns="${NS}"><identifier>a1</identifier><sender>s</sender><sent>2025-06-01T08:00:00+07:00</sent><status>Actual</status><msgType>Ack</msgType><scope>Public</scope></alert>`;
    expect(capToEventInput(parseCap(ack))).toBeNull();
  });
});
