/**
 * OASIS Common Alerting Protocol 1.2: parse and validate CAP XML, write it, and turn an alert
 * into the IOC's one event shape. Pure: no I/O. Rules follow the CAP 1.2 specification (OASIS
 * Standard, 1 July 2010) and its XML schema: required elements, enumerations, element order,
 * `dateTime` with a numeric offset (never "Z"), polygons as closed rings of "lat,lon" pairs.
 */
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_MSG_TYPES,
  CAP_SEVERITIES,
  CAP_URGENCIES,
  type CapCategory,
  type CapCertainty,
  type CapMsgType,
  type CapSeverity,
  type CapUrgency,
  type EventInput,
  type EventSeverity,
} from '@ioc/shared';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
export const CAP_RESPONSE_TYPES = [
  'Shelter',
  'Evacuate',
  'Prepare',
  'Execute',
  'Avoid',
  'Monitor',
  'Assess',
  'AllClear',
  'None',
] as const;

/** A closed ring of [lat, lon] points, as CAP writes them. */
export type CapRing = [number, number][];

export interface CapArea {
  areaDesc: string;
  polygons: CapRing[];
  circles: { lat: number; lon: number; radiusKm: number }[];
  geocodes: { valueName: string; value: string }[];
}

export interface CapInfo {
  language: string;
  categories: CapCategory[];
  event: string;
  responseTypes?: string[];
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  effective?: string;
  onset?: string;
  expires?: string;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  parameters?: { valueName: string; value: string }[];
  areas: CapArea[];
}

export interface CapAlert {
  identifier: string;
  sender: string;
  sent: string;
  status: (typeof CAP_STATUSES)[number];
  msgType: CapMsgType;
  source?: string;
  scope: (typeof CAP_SCOPES)[number];
  restriction?: string;
  addresses?: string;
  note?: string;
  /** "sender,identifier,sent" of earlier messages, space-separated. */
  references?: string;
  incidents?: string;
  infos: CapInfo[];
}

/** A CAP rule broken, naming the element (e.g. `alert/info[1]/urgency`). */
export class CapError extends Error {
  constructor(
    readonly element: string,
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'CapError';
  }
}

/** CAP `dateTime`: no fractional seconds, and a numeric offset (UTC is written -00:00, never Z). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}$/;
/** identifier, sender: no spaces, commas, or the restricted characters < and &. */
const TOKEN = /^[^\s,<&]+$/;

const REPEATED = new Set([
  'info',
  'category',
  'responseType',
  'eventCode',
  'parameter',
  'resource',
  'area',
  'polygon',
  'circle',
  'geocode',
]);

type Node = Record<string, unknown>;

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Drops namespace prefixes from element names (attributes keep theirs). */
function stripPrefixes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripPrefixes);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.startsWith('@') ? k : local(k), stripPrefixes(v)]),
  );
}

function missing(path: string, name: string): CapError {
  return new CapError(
    `${path}/${name}`,
    `Thiếu phần tử bắt buộc <${name}> trong <${path
      .split('/')
      .at(-1)!
      .replace(/\[\d+\]$/, '')}> (${path}/${name}).`,
    `Required element <${name}> is missing (${path}/${name}).`,
  );
}

function text(node: Node, name: string, path: string, required: true): string;
function text(node: Node, name: string, path: string, required?: false): string | undefined;
function text(node: Node, name: string, path: string, required = false): string | undefined {
  const value = node[name];
  if (Array.isArray(value))
    throw new CapError(
      `${path}/${name}`,
      `Phần tử <${name}> chỉ được có một lần (${path}/${name}).`,
      `Element <${name}> may appear only once (${path}/${name}).`,
    );
  if (value !== undefined && typeof value === 'object')
    throw new CapError(
      `${path}/${name}`,
      `Phần tử <${name}> phải chứa văn bản (${path}/${name}).`,
      `Element <${name}> must hold text (${path}/${name}).`,
    );
  const t = value === undefined ? '' : String(value).trim();
  if (!t) {
    if (required) throw missing(path, name);
    return undefined;
  }
  return t;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], element: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new CapError(
      element,
      `Giá trị "${value}" của <${local(element.split('/').at(-1)!).replace(/\[\d+\]$/, '')}> không hợp lệ; cho phép: ${allowed.join(', ')} (${element}).`,
      `"${value}" is not a valid <${local(element.split('/').at(-1)!).replace(/\[\d+\]$/, '')}>; allowed: ${allowed.join(', ')} (${element}).`,
    );
  return value as T;
}

function dateTime(value: string | undefined, element: string): string | undefined {
  if (value === undefined) return undefined;
  if (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))
    throw new CapError(
      element,
      `Thời điểm "${value}" trong <${element.split('/').at(-1)}> phải có dạng 2025-06-01T08:00:00+07:00 (múi giờ dạng số, không dùng "Z") (${element}).`,
      `Time "${value}" in <${element.split('/').at(-1)}> must look like 2025-06-01T08:00:00+07:00 (numeric offset, no "Z") (${element}).`,
    );
  return value;
}

function token(value: string, element: string): string {
  if (!TOKEN.test(value))
    throw new CapError(
      element,
      `<${element.split('/').at(-1)}> không được chứa khoảng trắng, dấu phẩy, "<" hay "&" (${element}).`,
      `<${element.split('/').at(-1)}> must not contain spaces, commas, "<" or "&" (${element}).`,
    );
  return value;
}

function list(node: Node, name: string): unknown[] {
  const value = node[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function children(node: Node, name: string, path: string): { node: Node; path: string }[] {
  return list(node, name).map((v, i) => {
    const p = `${path}/${name}[${i + 1}]`;
    if (v === null || typeof v !== 'object')
      throw new CapError(
        p,
        `<${name}> phải chứa các phần tử con (${p}).`,
        `<${name}> must hold child elements (${p}).`,
      );
    return { node: v as Node, path: p };
  });
}

function pairs(node: Node, name: string, path: string): { valueName: string; value: string }[] {
  return children(node, name, path).map((c) => ({
    valueName: text(c.node, 'valueName', c.path, true),
    value: text(c.node, 'value', c.path, true),
  }));
}

function coordinate(pair: string, element: string): [number, number] {
  const parts = pair.split(',');
  const [lat, lon] = parts.map(Number);
  if (
    parts.length !== 2 ||
    lat === undefined ||
    lon === undefined ||
    !Number.isFinite(lat) ||
    !Number.isFinite(lon) ||
    Math.abs(lat) > 90 ||
    Math.abs(lon) > 180
  )
    throw new CapError(
      element,
      `Tọa độ "${pair}" không hợp lệ: cần "vĩ độ,kinh độ" (vĩ độ −90…90, kinh độ −180…180) (${element}).`,
      `Coordinate "${pair}" is invalid: expected "lat,lon" (lat −90…90, lon −180…180) (${element}).`,
    );
  return [lat, lon];
}

/** Reads "lat,lon lat,lon …" as a closed ring of at least four pairs. */
export function parsePolygon(value: string, element: string): CapRing {
  const ring = value
    .trim()
    .split(/\s+/)
    .map((p) => coordinate(p, element));
  const first = ring[0];
  const last = ring.at(-1);
  if (ring.length < 4)
    throw new CapError(
      element,
      `<polygon> cần ít nhất 4 cặp "vĩ độ,kinh độ" (${element}).`,
      `<polygon> needs at least 4 "lat,lon" pairs (${element}).`,
    );
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1])
    throw new CapError(
      element,
      `<polygon> phải khép kín: cặp cuối trùng cặp đầu (${element}).`,
      `<polygon> must be closed: its last pair must equal the first (${element}).`,
    );
  return ring;
}

function parseCircle(value: string, element: string): CapArea['circles'][number] {
  const [centre, radius, ...rest] = value.trim().split(/\s+/);
  const r = Number(radius);
  if (!centre || rest.length > 0 || !Number.isFinite(r) || r < 0)
    throw new CapError(
      element,
      `<circle> phải có dạng "vĩ độ,kinh độ bán_kính_km" (${element}).`,
      `<circle> must look like "lat,lon radius_km" (${element}).`,
    );
  const [lat, lon] = coordinate(centre, element);
  return { lat, lon, radiusKm: r };
}

function parseInfo({ node, path }: { node: Node; path: string }): CapInfo {
  const categories = list(node, 'category').map((c, i) =>
    oneOf(String(c).trim(), CAP_CATEGORIES, `${path}/category[${i + 1}]`),
  );
  if (categories.length === 0) throw missing(path, 'category');
  const responseTypes = list(node, 'responseType').map((c, i) =>
    oneOf(String(c).trim(), CAP_RESPONSE_TYPES, `${path}/responseType[${i + 1}]`),
  );
  const areas = children(node, 'area', path).map(({ node: a, path: ap }) => ({
    areaDesc: text(a, 'areaDesc', ap, true),
    polygons: list(a, 'polygon').map((p, i) => parsePolygon(String(p), `${ap}/polygon[${i + 1}]`)),
    circles: list(a, 'circle').map((c, i) => parseCircle(String(c), `${ap}/circle[${i + 1}]`)),
    geocodes: pairs(a, 'geocode', ap),
  }));
  for (const { node: r, path: rp } of children(node, 'resource', path)) {
    text(r, 'resourceDesc', rp, true);
    text(r, 'mimeType', rp, true);
  }
  pairs(node, 'eventCode', path);
  const optional = (name: string) => text(node, name, path);
  const info: CapInfo = {
    language: optional('language') ?? 'en-US',
    categories,
    event: text(node, 'event', path, true),
    urgency: oneOf(text(node, 'urgency', path, true), CAP_URGENCIES, `${path}/urgency`),
    severity: oneOf(text(node, 'severity', path, true), CAP_SEVERITIES, `${path}/severity`),
    certainty: oneOf(text(node, 'certainty', path, true), CAP_CERTAINTIES, `${path}/certainty`),
    areas,
  };
  if (responseTypes.length) info.responseTypes = responseTypes;
  for (const name of ['effective', 'onset', 'expires'] as const) {
    const value = dateTime(optional(name), `${path}/${name}`);
    if (value) info[name] = value;
  }
  for (const name of ['senderName', 'headline', 'description', 'instruction', 'web', 'contact'] as const) {
    const value = optional(name);
    if (value) info[name] = value;
  }
  const parameters = pairs(node, 'parameter', path);
  if (parameters.length) info.parameters = parameters;
  return info;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(local(name)),
});

/** Parses and validates one CAP 1.2 alert; throws CapError naming the first element at fault. */
export function parseCap(xml: string): CapAlert {
  // CAP needs no document type; refusing one rules out entity-expansion attacks.
  if (/<!DOCTYPE/i.test(xml))
    throw new CapError(
      'alert',
      'Bản tin CAP không được chứa khai báo <!DOCTYPE>.',
      'A CAP message must not contain a <!DOCTYPE> declaration.',
    );
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true)
    throw new CapError(
      'alert',
      `Không đọc được XML (dòng ${wellFormed.err.line}, cột ${wellFormed.err.col}): ${wellFormed.err.msg}`,
      `The XML cannot be read (line ${wellFormed.err.line}, column ${wellFormed.err.col}): ${wellFormed.err.msg}`,
    );
  const document = parser.parse(xml) as Node;
  const rootName = Object.keys(document).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (!rootName || local(rootName) !== 'alert')
    throw new CapError(
      'alert',
      `Phần tử gốc phải là <alert> (đang là <${rootName ?? ''}>).`,
      `The root element must be <alert> (found <${rootName ?? ''}>).`,
    );
  const rawRoot = document[rootName] as Node;
  const prefix = rootName.includes(':') ? rootName.slice(0, rootName.indexOf(':')) : null;
  const namespace = typeof rawRoot === 'object' ? rawRoot[prefix ? `@xmlns:${prefix}` : '@xmlns'] : undefined;
  if (namespace !== CAP_NAMESPACE)
    throw new CapError(
      'alert',
      `<alert> phải thuộc không gian tên ${CAP_NAMESPACE} (đang là "${String(namespace ?? '')}").`,
      `<alert> must be in the namespace ${CAP_NAMESPACE} (found "${String(namespace ?? '')}").`,
    );
  const root = stripPrefixes(rawRoot) as Node;
  const path = 'alert';
  const alert: CapAlert = {
    identifier: token(text(root, 'identifier', path, true), 'alert/identifier'),
    sender: token(text(root, 'sender', path, true), 'alert/sender'),
    sent: dateTime(text(root, 'sent', path, true), 'alert/sent')!,
    status: oneOf(text(root, 'status', path, true), CAP_STATUSES, 'alert/status'),
    msgType: oneOf(text(root, 'msgType', path, true), CAP_MSG_TYPES, 'alert/msgType'),
    scope: oneOf(text(root, 'scope', path, true), CAP_SCOPES, 'alert/scope'),
    infos: children(root, 'info', path).map(parseInfo),
  };
  for (const name of ['source', 'restriction', 'addresses', 'note', 'references', 'incidents'] as const) {
    const value = text(root, name, path);
    if (value) alert[name] = value;
  }
  if (alert.scope === 'Restricted' && !alert.restriction) throw missing(path, 'restriction');
  if (alert.scope === 'Private' && !alert.addresses) throw missing(path, 'addresses');
  if (alert.references) {
    for (const reference of alert.references.split(/\s+/)) {
      const [sender, identifier, sent, ...rest] = reference.split(',');
      if (!sender || !identifier || !sent || rest.length > 0 || !DATE_TIME.test(sent))
        throw new CapError(
          'alert/references',
          `<references> phải là các bộ "sender,identifier,sent" cách nhau bởi khoảng trắng ("${reference}").`,
          `<references> must be space-separated "sender,identifier,sent" triples ("${reference}").`,
        );
    }
  }
  if ((alert.msgType === 'Update' || alert.msgType === 'Cancel') && !alert.references)
    throw missing(path, 'references');
  if ((alert.msgType === 'Alert' || alert.msgType === 'Update') && alert.infos.length === 0)
    throw missing(path, 'info');
  return alert;
}

/** A time as CAP writes it: whole seconds and a numeric offset (Vietnam, +07:00, by default). */
export function capDateTime(at: Date, offsetMinutes = 420): string {
  const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${local}-00:00`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const ring = (r: CapRing) => r.map(([lat, lon]) => `${lat},${lon}`).join(' ');

/** Writes a CAP 1.2 alert as XML, elements in the order the CAP schema requires. */
export function buildCap(alert: CapAlert): string {
  const optional = <T>(value: T | undefined) => (value === undefined ? {} : value);
  const info = alert.infos.map((i) => ({
    language: i.language,
    category: i.categories,
    event: i.event,
    ...optional(i.responseTypes?.length ? { responseType: i.responseTypes } : undefined),
    urgency: i.urgency,
    severity: i.severity,
    certainty: i.certainty,
    ...optional(i.effective ? { effective: i.effective } : undefined),
    ...optional(i.onset ? { onset: i.onset } : undefined),
    ...optional(i.expires ? { expires: i.expires } : undefined),
    ...optional(i.senderName ? { senderName: i.senderName } : undefined),
    ...optional(i.headline ? { headline: i.headline } : undefined),
    ...optional(i.description ? { description: i.description } : undefined),
    ...optional(i.instruction ? { instruction: i.instruction } : undefined),
    ...optional(i.web ? { web: i.web } : undefined),
    ...optional(i.contact ? { contact: i.contact } : undefined),
    ...optional(i.parameters?.length ? { parameter: i.parameters } : undefined),
    area: i.areas.map((a) => ({
      areaDesc: a.areaDesc,
      ...optional(a.polygons.length ? { polygon: a.polygons.map(ring) } : undefined),
      ...optional(
        a.circles.length ? { circle: a.circles.map((c) => `${c.lat},${c.lon} ${c.radiusKm}`) } : undefined,
      ),
      ...optional(a.geocodes.length ? { geocode: a.geocodes } : undefined),
    })),
  }));
  const body = {
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    alert: {
      '@xmlns': CAP_NAMESPACE,
      identifier: alert.identifier,
      sender: alert.sender,
      sent: alert.sent,
      status: alert.status,
      msgType: alert.msgType,
      ...optional(alert.source ? { source: alert.source } : undefined),
      scope: alert.scope,
      ...optional(alert.restriction ? { restriction: alert.restriction } : undefined),
      ...optional(alert.addresses ? { addresses: alert.addresses } : undefined),
      ...optional(alert.note ? { note: alert.note } : undefined),
      ...optional(alert.references ? { references: alert.references } : undefined),
      ...optional(alert.incidents ? { incidents: alert.incidents } : undefined),
      ...optional(info.length ? { info } : undefined),
    },
  };
  return new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    format: true,
    indentBy: '  ',
  }).build(body) as string;
}

const SEVERITY: Record<CapSeverity, EventSeverity> = {
  Extreme: 'extreme',
  Severe: 'severe',
  Moderate: 'moderate',
  Minor: 'minor',
  Unknown: 'info',
};

/** The IOC domain (DOMAIN.md) a CAP category belongs to; disasters and emergencies are NN. */
const DOMAIN: Record<CapCategory, string> = {
  Geo: 'NN',
  Met: 'NN',
  Safety: 'NN',
  Security: 'ANTT',
  Rescue: 'NN',
  Fire: 'NN',
  Health: 'YT',
  Env: 'MT',
  Transport: 'ATGT',
  Infra: 'NN',
  CBRNE: 'NN',
  Other: 'NN',
};

/** A CAP ring as a GeoJSON ring: CAP writes "lat,lon", GeoJSON wants [lon, lat]. */
export function ringToGeoJson(r: CapRing): [number, number][] {
  return r.map(([lat, lon]) => [lon, lat]);
}

/**
 * The event an alert raises in the IOC: its Vietnamese info block when it has one, the first area's
 * polygon (or circle centre) as location, and the whole alert's essentials in the payload.
 * Null for messages without info (Ack, Error).
 */
export function capToEventInput(alert: CapAlert): EventInput | null {
  const info = alert.infos.find((i) => i.language.toLowerCase().startsWith('vi')) ?? alert.infos[0];
  if (!info) return null;
  const polygon = info.areas.flatMap((a) => a.polygons)[0];
  const circle = info.areas.flatMap((a) => a.circles)[0];
  const location: EventInput['location'] = polygon
    ? { type: 'Polygon', coordinates: [ringToGeoJson(polygon)] }
    : circle
      ? { type: 'Point', coordinates: [circle.lon, circle.lat] }
      : undefined;
  const gso = info.areas.flatMap((a) => a.geocodes).find((g) => /^(gso|mã đvhc|ma_dvhc)$/i.test(g.valueName));
  const title = info.headline ?? info.event;
  return {
    source: `cap:${alert.sender}`.slice(0, 100),
    sourceId: alert.identifier.slice(0, 200),
    type: `cap.${info.event}`.slice(0, 100),
    category: DOMAIN[info.categories[0]!],
    severity: SEVERITY[info.severity],
    occurredAt: new Date(info.onset ?? info.effective ?? alert.sent).toISOString(),
    title: (alert.msgType === 'Cancel' ? `[Hủy / Cancelled] ${title}` : title).slice(0, 500),
    ...(info.description ? { description: info.description.slice(0, 10_000) } : {}),
    ...(location ? { location } : {}),
    ...(gso ? { unitCode: gso.value } : {}),
    payload: {
      cap: {
        identifier: alert.identifier,
        sender: alert.sender,
        sent: alert.sent,
        status: alert.status,
        msgType: alert.msgType,
        references: alert.references ?? null,
        event: info.event,
        categories: info.categories,
        urgency: info.urgency,
        severity: info.severity,
        certainty: info.certainty,
        expires: info.expires ?? null,
        instruction: info.instruction ?? null,
        areas: info.areas.map((a) => a.areaDesc),
      },
    },
  };
}
