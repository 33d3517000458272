/**
 * Public early-warning alerts (CAP 1.2): the enumerations of the standard and the alert as the API
 * answers it. Plain TypeScript, so the web app's alert pages load no validation library; the
 * input schema is in alert-input.ts.
 */

export const CAP_CATEGORIES = [
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
] as const;
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;

export type CapCategory = (typeof CAP_CATEGORIES)[number];
export type CapUrgency = (typeof CAP_URGENCIES)[number];
export type CapSeverity = (typeof CAP_SEVERITIES)[number];
export type CapCertainty = (typeof CAP_CERTAINTIES)[number];
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];

/** An alert as the API answers it (operators' list, public list, issue, update, cancel). */
export interface PublicAlert {
  id: string;
  state: 'active' | 'cancelled';
  /** Active and not expired. */
  isCurrent: boolean;
  event: string;
  category: CapCategory;
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  headline: string;
  description: string;
  instruction: string;
  headlineEn: string | null;
  descriptionEn: string | null;
  instructionEn: string | null;
  areaDesc: string;
  unitCodes: string[];
  /** GeoJSON MultiPolygon of the area, for maps. */
  area: { type: 'MultiPolygon'; coordinates: number[][][][] };
  /** The polygon drawn on the map, if any (closed ring of [lon, lat]). */
  polygon: [number, number][] | null;
  effective: string;
  expires: string;
  updatedAt: string;
  /** The CAP messages issued for it, oldest first. */
  messages: { id: string; msgType: CapMsgType; sent: string; url: string }[];
}
