import type { EventInput } from '@ioc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCap } from '../src/alerts/cap.js';
import { ENGINES, loadFixture, loginAs, startTestApp, type TestContext } from './harness.js';

const NS = 'urn:oasis:names:tc:emergency:cap:1.2';

const capXml = (identifier: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="${NS}">
  <identifier>${identifier}</identifier>
  <sender>kttv.example.vn</sender>
  <sent>2025-06-01T08:00:00+07:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>vi-VN</language>
    <category>Met</category>
    <event>Mưa lớn</event>
    <urgency>Expected</urgency>
    <severity>Moderate</severity>
    <certainty>Likely</certainty>
    <headline>Mưa lớn diện rộng</headline>
    <area>
      <areaDesc>Huyện Một</areaDesc>
      <polygon>11.4,106.7 11.4,106.9 11.6,106.9 11.6,106.7 11.4,106.7</polygon>${extra}
    </area>
  </info>
</alert>`;

describe.each(ENGINES)('early warning (CAP 1.2 in and out) on $name', (engine) => {
  let ctx: TestContext;
  const emitted: EventInput[] = [];
  let operator: string;
  let districtOperator: string;
  let viewer: string;
  let operatorKey: string;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, payload?: object | string) =>
    ctx.app.inject({
      method,
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(typeof payload === 'string' ? { 'content-type': 'application/cap+xml' } : {}),
      },
      ...(payload !== undefined ? { payload } : {}),
    });

  const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000).toISOString();
  const alertBody = (extra: object = {}) => ({
    event: 'Lũ quét',
    category: 'Met',
    urgency: 'Immediate',
    severity: 'Severe',
    certainty: 'Likely',
    headline: 'Cảnh báo lũ quét huyện Một',
    description: 'Mưa lớn kéo dài, nguy cơ lũ quét & sạt lở.',
    instruction: 'Không qua ngầm tràn; di dời khỏi ven suối.',
    expires: inTwoDays(),
    unitCodes: ['D1'],
    ...extra,
  });

  beforeAll(async () => {
    ctx = await startTestApp(engine, {
      emitEvent: async (event) => {
        emitted.push(event);
      },
    });
    await loadFixture(ctx.services);
    await ctx.services.catalogue.upsertUnits('cli', [
      { code: 'D1', name: 'Huyện Một', level: 'district', parentCode: 'P', centroid: [106.8, 11.5] },
      { code: 'D2', name: 'Huyện Hai', level: 'district', parentCode: 'P', centroid: [107.2, 11.8] },
    ]);
    operator = await loginAs(ctx, { username: 'vanhanh', role: 'operator' });
    districtOperator = await loginAs(ctx, { username: 'vanhanh_d1', role: 'operator', scopeUnitCode: 'D1' });
    viewer = await loginAs(ctx, { username: 'xem', role: 'viewer' });
    operatorKey = (await ctx.services.auth.createApiKey('cli', 'vanhanh', 'Đài KTTV')).key;
  });
  afterAll(() => ctx.close());

  describe('CAP in', () => {
    it('refuses anonymous callers and roles that may not send events', async () => {
      expect((await call('POST', '/api/v1/events/cap', undefined, capXml('a-1'))).statusCode).toBe(401);
      expect((await call('POST', '/api/v1/events/cap', viewer, capXml('a-1'))).statusCode).toBe(403);
      expect(emitted).toEqual([]);
    });

    it('rejects invalid CAP with a message naming the element', async () => {
      const bad = await call(
        'POST',
        '/api/v1/events/cap',
        operator,
        capXml('a-2').replace('Expected', 'Soon'),
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({
        code: 'CAP_INVALID',
        details: { element: 'alert/info[1]/urgency' },
      });
      expect(bad.json().message).toContain('<urgency>');
      expect(bad.json().messageEn).toContain('<urgency>');
      const open = await call(
        'POST',
        '/api/v1/events/cap',
        operator,
        capXml('a-3').replace('11.6,106.7 11.4,106.7', '11.6,106.7 11.5,106.7'),
      );
      expect(open.json().details.element).toBe('alert/info[1]/area[1]/polygon[1]');
      expect(emitted).toEqual([]);
    });

    it('turns a valid alert from an API key into an event with the polygon as [lon, lat]', async () => {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/events/cap',
        headers: { 'x-api-key': operatorKey, 'content-type': 'application/xml' },
        payload: capXml('VN-KTTV-0001', '<geocode><valueName>GSO</valueName><value>D1</value></geocode>'),
      });
      expect(response.statusCode).toBe(202);
      expect(response.json()).toEqual({
        identifier: 'VN-KTTV-0001',
        msgType: 'Alert',
        event: { source: 'cap:kttv.example.vn', sourceId: 'VN-KTTV-0001' },
      });
      expect(emitted).toHaveLength(1);
      expect(emitted[0]).toMatchObject({
        source: 'cap:kttv.example.vn',
        sourceId: 'VN-KTTV-0001',
        category: 'NN',
        severity: 'moderate',
        title: 'Mưa lớn diện rộng',
        unitCode: 'D1',
        occurredAt: '2025-06-01T01:00:00.000Z',
        location: {
          type: 'Polygon',
          coordinates: [
            [
              [106.7, 11.4],
              [106.9, 11.4],
              [106.9, 11.6],
              [106.7, 11.6],
              [106.7, 11.4],
            ],
          ],
        },
      });
    });
  });

  describe('CAP out', () => {
    let alertId: string;

    it('lets only operators, leaders and administrators issue, and checks the alert', async () => {
      expect((await call('POST', '/api/v1/alerts', undefined, alertBody())).statusCode).toBe(401);
      expect((await call('POST', '/api/v1/alerts', viewer, alertBody())).statusCode).toBe(403);
      const noArea = await call('POST', '/api/v1/alerts', operator, alertBody({ unitCodes: [] }));
      expect(noArea.statusCode).toBe(400);
      expect(noArea.json().message).toContain('unitCodes');
      const backwards = await call(
        'POST',
        '/api/v1/alerts',
        operator,
        alertBody({ effective: inTwoDays(), expires: new Date(Date.now() + 3600_000).toISOString() }),
      );
      expect(backwards.json().message).toBe(
        'Thời điểm hết hiệu lực phải sau thời điểm có hiệu lực và sau hiện tại.',
      );
      const unknownUnit = await call('POST', '/api/v1/alerts', operator, alertBody({ unitCodes: ['KHONG'] }));
      expect(unknownUnit.statusCode).toBe(404);
      const outOfScope = await call(
        'POST',
        '/api/v1/alerts',
        districtOperator,
        alertBody({ unitCodes: ['D2'] }),
      );
      expect(outOfScope.statusCode).toBe(403);
      expect(outOfScope.json().code).toBe('OUT_OF_SCOPE');
      const drawnOutside = await call(
        'POST',
        '/api/v1/alerts',
        districtOperator,
        alertBody({
          unitCodes: [],
          polygon: [
            [107.15, 11.75],
            [107.25, 11.75],
            [107.25, 11.85],
          ],
        }),
      );
      expect(drawnOutside.json().code).toBe('OUT_OF_SCOPE');
    });

    it('issues an alert for a unit and a drawn polygon, published as valid CAP 1.2 and listed publicly', async () => {
      const response = await call(
        'POST',
        '/api/v1/alerts',
        districtOperator,
        alertBody({
          headlineEn: 'Flash flood warning, District One',
          polygon: [
            [106.75, 11.45],
            [106.85, 11.45],
            [106.85, 11.55],
          ],
        }),
      );
      expect(response.statusCode).toBe(201);
      const alert = response.json();
      alertId = alert.id;
      expect(alert).toMatchObject({
        state: 'active',
        isCurrent: true,
        areaDesc: 'Huyện Một, Vùng khoanh trên bản đồ',
        unitCodes: ['D1'],
        messages: [{ msgType: 'Alert' }],
      });
      expect(alert.area.type).toBe('MultiPolygon');
      expect(alert.area.coordinates).toHaveLength(2);

      const xmlResponse = await call('GET', alert.messages[0].url);
      expect(xmlResponse.headers['content-type']).toContain('application/cap+xml');
      const cap = parseCap(xmlResponse.body);
      expect(cap).toMatchObject({
        sender: 'ioc.binhphuoc.gov.vn',
        status: 'Actual',
        msgType: 'Alert',
        scope: 'Public',
      });
      expect(cap.identifier).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(cap.sent).toMatch(/\+07:00$/);
      expect(cap.infos.map((i) => i.language)).toEqual(['vi-VN', 'en-US']);
      const [vi] = cap.infos;
      expect(vi).toMatchObject({
        event: 'Lũ quét',
        categories: ['Met'],
        urgency: 'Immediate',
        severity: 'Severe',
        certainty: 'Likely',
        description: 'Mưa lớn kéo dài, nguy cơ lũ quét & sạt lở.',
      });
      expect(vi!.areas[0]).toEqual({
        areaDesc: 'Huyện Một',
        polygons: [],
        circles: [{ lat: 11.5, lon: 106.8, radiusKm: 12 }],
        geocodes: [{ valueName: 'GSO', value: 'D1' }],
      });
      // The drawn ring was closed and written as lat,lon.
      expect(vi!.areas[1]!.polygons[0]).toEqual([
        [11.45, 106.75],
        [11.45, 106.85],
        [11.55, 106.85],
        [11.45, 106.75],
      ]);

      const publicList = (await call('GET', '/api/v1/public/alerts')).json();
      expect(publicList.map((a: { id: string }) => a.id)).toEqual([alertId]);
      const atom = (await call('GET', '/cap/alerts.atom')).body;
      expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
      expect(atom).toContain(`/cap/alerts/${alert.messages[0].id}.xml`);
      expect(atom).toContain('Cảnh báo: Cảnh báo lũ quét huyện Một');
      const rss = (await call('GET', '/cap/alerts.rss')).body;
      expect(rss).toContain('<rss version="2.0"');
      expect(rss).toContain(`<guid isPermaLink="false">${cap.identifier}</guid>`);
    });

    it('updates and cancels with CAP Update and Cancel referencing the earlier messages, audited', async () => {
      const updated = await call(
        'PUT',
        `/api/v1/alerts/${alertId}`,
        operator,
        alertBody({ severity: 'Extreme', headline: 'Lũ quét: nâng mức cảnh báo' }),
      );
      expect(updated.statusCode).toBe(200);
      expect(updated.json()).toMatchObject({
        severity: 'Extreme',
        messages: [{ msgType: 'Alert' }, { msgType: 'Update' }],
      });
      const [first, second] = updated.json().messages;
      const original = parseCap((await call('GET', first.url)).body);
      const update = parseCap((await call('GET', second.url)).body);
      expect(update.msgType).toBe('Update');
      expect(update.references).toBe(`${original.sender},${original.identifier},${original.sent}`);
      expect(update.infos[0]!.severity).toBe('Extreme');

      const cancelled = await call('POST', `/api/v1/alerts/${alertId}/cancel`, operator, {
        reason: 'Mưa đã ngớt',
      });
      expect(cancelled.json()).toMatchObject({ state: 'cancelled', isCurrent: false });
      const cancel = parseCap((await call('GET', cancelled.json().messages[2].url)).body);
      expect(cancel).toMatchObject({ msgType: 'Cancel', note: 'Mưa đã ngớt' });
      expect(cancel.references!.split(' ')).toHaveLength(2);
      expect((await call('GET', '/api/v1/public/alerts')).json()).toEqual([]);
      // The feed carries the cancellation until the alert would have expired.
      expect((await call('GET', '/cap/alerts.atom')).body).toContain(
        'Hủy cảnh báo: Lũ quét: nâng mức cảnh báo',
      );
      const again = await call('POST', `/api/v1/alerts/${alertId}/cancel`, operator, {});
      expect(again.statusCode).toBe(409);

      const admin = await loginAs(ctx, { username: 'quantri', role: 'administrator' });
      const audit = (await call('GET', `/api/v1/audit?entity=public_alert&key=${alertId}`, admin)).json()
        .entries;
      expect(audit.map((a: { action: string; actor: string }) => `${a.action}:${a.actor}`)).toEqual([
        'cancel:vanhanh',
        'update:vanhanh',
        'create:vanhanh_d1',
      ]);
      expect((await call('GET', '/cap/alerts/999999.xml')).statusCode).toBe(404);
    });

    it('keeps a district operator to alerts of its own district', async () => {
      const other = (await call('POST', '/api/v1/alerts', operator, alertBody({ unitCodes: ['D2'] }))).json();
      const update = await call(
        'PUT',
        `/api/v1/alerts/${other.id}`,
        districtOperator,
        alertBody({ unitCodes: ['D1'] }),
      );
      expect(update.statusCode).toBe(403);
      expect(update.json().code).toBe('OUT_OF_SCOPE');
      expect((await call('POST', `/api/v1/alerts/${other.id}/cancel`, districtOperator, {})).statusCode).toBe(
        403,
      );
      expect((await call('GET', `/api/v1/public/alerts/${other.id}`)).json()).toMatchObject({
        state: 'active',
        unitCodes: ['D2'],
      });
    });
  });
});
