/**
 * Open311 GeoReport v2 shapes (wiki.open311.org/GeoReport_v2): services, service definitions,
 * service requests and errors, in JSON and in XML. Pure mapping: nothing personal goes in.
 */
import { redactPersonalData, type CaseStatus } from '@ioc/shared';
import { XMLBuilder } from 'fast-xml-parser';

export type Open311Format = 'json' | 'xml';

export interface Open311Category {
  code: string;
  name: string;
  nameEn: string;
  keywords: string[];
  deadlineHours: number;
}

export function toService(c: Open311Category) {
  return {
    service_code: c.code,
    service_name: c.name,
    description: `${c.name} / ${c.nameEn}. Thời hạn xử lý ${c.deadlineHours} giờ.`,
    metadata: true,
    type: 'realtime',
    keywords: c.keywords.join(','),
    group: 'Phản ánh, kiến nghị',
  };
}

/** The attributes every service accepts (attribute[code]=value on POST). */
export function toServiceDefinition(code: string, units: { code: string; name: string }[]) {
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: 'is_confidential',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: 'true hoặc false / true or false',
        order: 1,
        description: 'Giữ bí mật danh tính người phản ánh / Keep the reporter’s identity confidential',
        values: [
          { key: 'true', name: 'Có / Yes' },
          { key: 'false', name: 'Không / No' },
        ],
      },
      {
        variable: true,
        code: 'unit_code',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: 'Mã đơn vị hành chính nơi xảy ra / Code of the administrative unit',
        order: 2,
        description: 'Xã, phường, thị trấn hoặc huyện / Commune, ward or district',
        values: units.map((u) => ({ key: u.code, name: u.name })),
      },
    ],
  };
}

export interface Open311CaseRow {
  code: string;
  status: CaseStatus;
  categoryCode: string;
  categoryName: string;
  organisation: string | null;
  address: string | null;
  location: [number, number] | null;
  receivedAt: string;
  updatedAt: string;
  dueAt: string | null;
  mergedInto: string | null;
  publicSummary: string | null;
  isPublished: boolean;
}

/**
 * A service request as the spec returns it. The reporter never appears, and free text only once
 * the province has published the case (its edited summary): a citizen's own words may name
 * people or places that identify them, which no pattern can reliably remove.
 */
export function toServiceRequest(c: Open311CaseRow) {
  const isClosed = c.status === 'closed' || c.status === 'merged';
  return {
    service_request_id: c.code,
    status: isClosed ? 'closed' : 'open',
    status_notes: c.mergedInto ? `Đã gộp vào ${c.mergedInto} / Merged into ${c.mergedInto}` : null,
    service_name: c.categoryName,
    service_code: c.categoryCode,
    description: c.isPublished ? c.publicSummary : null,
    agency_responsible: c.organisation,
    service_notice: null,
    requested_datetime: c.receivedAt,
    updated_datetime: c.updatedAt,
    expected_datetime: c.dueAt,
    address: c.isPublished && c.address ? redactPersonalData(c.address) : null,
    address_id: null,
    zipcode: null,
    lat: c.location?.[1] ?? null,
    long: c.location?.[0] ?? null,
    media_url: null,
  };
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false });

function xmlValue(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(xmlValue);
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, xmlValue(v)]),
    );
  return value;
}

/**
 * Serialises a list: JSON as an array, XML as `<root><item>…</item>…</root>`. Nested lists of a
 * service definition (`attributes`, `values`) become `<attributes><attribute>…` as in the spec.
 */
export function serialize(format: Open311Format, root: string, item: string, items: unknown[]): string {
  if (format === 'json') return JSON.stringify(items);
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build({ [root]: { [item]: xmlValue(items) } })}`;
}

export function serializeDefinition(
  format: Open311Format,
  definition: ReturnType<typeof toServiceDefinition>,
): string {
  if (format === 'json') return JSON.stringify(definition);
  const xml = {
    service_definition: {
      service_code: definition.service_code,
      attributes: {
        attribute: definition.attributes.map((a) => ({
          ...(xmlValue({ ...a, values: undefined }) as object),
          values: { value: a.values },
        })),
      },
    },
  };
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build(xml)}`;
}

export function serializeErrors(
  format: Open311Format,
  errors: { code: number; description: string }[],
): string {
  return serialize(format, 'errors', 'error', errors);
}

export const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** Splits `name.json` / `name.xml` into its name and format; null for any other ending. */
export function splitFormat(file: string): { name: string; format: Open311Format } | null {
  const match = /^(.+)\.(json|xml)$/.exec(file);
  return match ? { name: match[1] as string, format: match[2] as Open311Format } : null;
}
