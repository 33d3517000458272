import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCaseFixture } from './case-fixture.js';
import { ENGINES, loginAs, startTestApp, type TestContext } from './harness.js';

const PERSONAL = ['Trần Thị Bưởi', '0905111222', 'buoi@example.vn'];
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const xml = new XMLParser({ parseTagValue: false });

describe.each(ENGINES)('Open311 GeoReport v2 on $name', (engine) => {
  let ctx: TestContext;
  const now = new Date('2025-04-02T03:00:00Z');
  let apiKey: string;
  let viewerKey: string;
  const get = (url: string) => ctx.app.inject({ method: 'GET', url });
  const post = (url: string, fields: Record<string, string>) =>
    ctx.app.inject({ method: 'POST', url, headers: FORM, payload: form(fields) });

  beforeAll(async () => {
    ctx = await startTestApp(engine, { clock: () => now });
    await loadCaseFixture(ctx.services);
    await loginAs(ctx, { username: 'cong_zalo', role: 'operator' });
    await loginAs(ctx, { username: 'xem', role: 'viewer' });
    apiKey = (await ctx.services.auth.createApiKey('cli', 'cong_zalo', 'Open311 app')).key;
    viewerKey = (await ctx.services.auth.createApiKey('cli', 'xem', 'read only')).key;
  });
  afterAll(() => ctx.close());

  const request = {
    service_code: 'roads',
    lat: '11.5201',
    long: '106.8801',
    description: 'Ổ gà lớn trước số 12, gọi 0905111222 để biết thêm',
    first_name: 'Trần Thị',
    last_name: 'Bưởi',
    phone: '0905111222',
    email: 'buoi@example.vn',
    jurisdiction_id: 'binhphuoc.gov.vn',
    media_url: 'https://example.vn/anh/o-ga.jpg',
  };

  it('answers errors as the spec’s list of {code, description}, in JSON and in XML', async () => {
    const noKey = await post('/open311/v2/requests.json', request);
    expect(noKey.statusCode).toBe(401);
    expect(noKey.json()).toEqual([
      { code: 401, description: 'UNAUTHENTICATED: Thiếu api_key. / api_key is required.' },
    ]);
    const readOnly = await post('/open311/v2/requests.xml', { ...request, api_key: viewerKey });
    expect(readOnly.statusCode).toBe(403);
    expect(readOnly.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.parse(readOnly.body)).toEqual({
      '?xml': '',
      errors: {
        error: {
          code: '403',
          description:
            'FORBIDDEN: Bạn không có quyền thực hiện thao tác này. / You are not allowed to do this.',
        },
      },
    });
    const unknown = await post('/open311/v2/requests.json', {
      ...request,
      api_key: apiKey,
      service_code: 'ufo',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()[0].description).toMatch(
      /^CASE_UNKNOWN_CATEGORY: Lĩnh vực phản ánh "ufo" không tồn tại/,
    );
    const outside = await post('/open311/v2/requests.json', {
      ...request,
      api_key: apiKey,
      lat: '21.03',
      long: '105.85',
    });
    expect(outside.json()).toEqual([
      {
        code: 400,
        description:
          'CASE_OUTSIDE_PROVINCE: Vị trí phản ánh nằm ngoài địa bàn tỉnh. / The location is outside the province.',
      },
    ]);
    const empty = await post('/open311/v2/requests.json', { ...request, api_key: apiKey, description: '' });
    expect(empty.json()[0].description).toMatch(/^CASE_DESCRIPTION_REQUIRED/);
    expect((await get('/open311/v2/requests/PA-2025-999999.json')).json()).toEqual([
      { code: 404, description: 'NOT_FOUND: Không tìm thấy. / Not found.' },
    ]);
    expect((await get('/open311/v2/services/roads.csv')).statusCode).toBe(404);
  });

  it('lists services and their definitions with attributes', async () => {
    const services = (await get('/open311/v2/services.json')).json();
    expect(services[0]).toEqual({
      service_code: 'roads',
      service_name: 'Giao thông, đường sá',
      description: 'Giao thông, đường sá / Roads and traffic. Thời hạn xử lý 240 giờ.',
      metadata: true,
      type: 'realtime',
      keywords: expect.stringContaining('ổ gà'),
      group: 'Phản ánh, kiến nghị',
    });
    const asXml = xml.parse((await get('/open311/v2/services.xml')).body);
    expect(asXml.services.service.map((s: { service_code: string }) => s.service_code)).toEqual(
      services.map((s: { service_code: string }) => s.service_code),
    );
    const definition = (await get('/open311/v2/services/lighting.json')).json();
    expect(definition.service_code).toBe('lighting');
    expect(definition.attributes.map((a: { code: string }) => a.code)).toEqual([
      'is_confidential',
      'unit_code',
    ]);
    expect(definition.attributes[1].values).toContainEqual({ key: 'C1', name: 'Phường Một' });
    const defXml = xml.parse((await get('/open311/v2/services/lighting.xml')).body);
    expect(defXml.service_definition.attributes.attribute[0]).toMatchObject({
      variable: 'true',
      code: 'is_confidential',
      datatype: 'singlevaluelist',
      values: {
        value: [
          { key: 'true', name: 'Có / Yes' },
          { key: 'false', name: 'Không / No' },
        ],
      },
    });
  });

  let id: string;
  let other: string;
  it('creates requests with an API key (lat/long or address_string), and reads them back without any personal data', async () => {
    const created = await post('/open311/v2/requests.json', { ...request, api_key: apiKey });
    expect(created.statusCode).toBe(201);
    id = created.json()[0].service_request_id;
    expect(created.json()).toEqual([
      { service_request_id: 'PA-2025-000001', service_notice: expect.any(String), account_id: null },
    ]);
    const byAddress = await post('/open311/v2/requests.xml', {
      api_key: apiKey,
      service_code: 'lighting',
      address_string: 'Đường Phú Riềng Đỏ, phường Một',
      description: 'Đèn đường không sáng',
      'attribute[unit_code]': 'C1',
      'attribute[is_confidential]': 'true',
    });
    expect(byAddress.statusCode).toBe(201);
    other = xml.parse(byAddress.body).service_requests.request.service_request_id;
    const internal = await ctx.services.cases.get(
      {
        kind: 'user',
        userId: 1,
        username: 'cong_zalo',
        role: 'operator',
        organisationId: null,
        scopeUnitId: null,
      },
      id,
    );
    expect(internal).toMatchObject({
      channel: 'open311',
      reporter: { name: 'Trần Thị Bưởi', phone: '0905111222' },
    });
    expect(internal.photos[0]?.url).toBe(request.media_url);

    const one = (await get(`/open311/v2/requests/${id}.json`)).json();
    expect(one).toEqual([
      {
        service_request_id: id,
        status: 'open',
        status_notes: null,
        service_name: 'Giao thông, đường sá',
        service_code: 'roads',
        description: null,
        agency_responsible: null,
        service_notice: null,
        requested_datetime: now.toISOString(),
        updated_datetime: now.toISOString(),
        expected_datetime: null,
        address: null,
        address_id: null,
        zipcode: null,
        lat: 11.5201,
        long: 106.8801,
        media_url: null,
      },
    ]);
    const bodies = [
      (await get(`/open311/v2/requests/${id}.xml`)).body,
      (await get('/open311/v2/requests.json')).body,
      (await get('/open311/v2/requests.xml')).body,
    ];
    for (const body of bodies) for (const secret of PERSONAL) expect(body).not.toContain(secret);
    const oneXml = xml.parse(bodies[0] as string);
    expect(oneXml.service_requests.request).toMatchObject({
      service_request_id: id,
      status: 'open',
      lat: '11.5201',
    });

    // Once answered and published, the province's summary (contact details removed) is shown.
    const operator = {
      kind: 'user',
      userId: 1,
      username: 'cong_zalo',
      role: 'operator',
      organisationId: null,
      scopeUnitId: null,
    } as const;
    await ctx.services.cases.act(operator, id, 'answer_directly', { answer: 'Đã vá ổ gà.' });
    await ctx.services.cases.publish(operator, id, { published: true });
    const published = (await get(`/open311/v2/requests/${id}.json`)).json()[0];
    expect(published).toMatchObject({
      status: 'closed',
      description: 'Ổ gà lớn trước số 12, gọi [đã ẩn] để biết thêm',
    });
    for (const secret of PERSONAL) expect(JSON.stringify(published)).not.toContain(secret);
  });

  it('filters requests by ids, service code, dates and status', async () => {
    const ids = (url: string) =>
      get(url).then((r) => r.json().map((x: { service_request_id: string }) => x.service_request_id));
    expect(await ids('/open311/v2/requests.json')).toEqual([other, id]);
    expect(await ids(`/open311/v2/requests.json?service_request_id=${id},${other}`)).toEqual([other, id]);
    expect(await ids('/open311/v2/requests.json?service_code=lighting')).toEqual([other]);
    expect(await ids('/open311/v2/requests.json?status=closed')).toEqual([id]);
    expect(
      await ids(
        '/open311/v2/requests.json?status=open&start_date=2025-04-01T00:00:00%2B07:00&end_date=2025-04-03T00:00:00Z',
      ),
    ).toEqual([other]);
    expect(await ids('/open311/v2/requests.json?start_date=2025-04-03T00:00:00Z')).toEqual([]);
    const bad = await get('/open311/v2/requests.json?start_date=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()[0].code).toBe(400);
  });
});
