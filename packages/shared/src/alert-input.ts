/** The shape in which an operator issues or updates a public alert (CAP 1.2), validated on the server. */
import { z } from 'zod';
import { CAP_CATEGORIES, CAP_CERTAINTIES, CAP_SEVERITIES, CAP_URGENCIES } from './alerts';

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const publicAlertInputSchema = z
  .object({
    event: z.string().trim().min(1).max(200),
    category: z.enum(CAP_CATEGORIES),
    urgency: z.enum(CAP_URGENCIES),
    severity: z.enum(CAP_SEVERITIES),
    certainty: z.enum(CAP_CERTAINTIES),
    headline: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(5000),
    instruction: z.string().trim().min(1).max(5000),
    headlineEn: optionalText(200),
    descriptionEn: optionalText(5000),
    instructionEn: optionalText(5000),
    effective: z.iso.datetime({ offset: true }).optional(),
    expires: z.iso.datetime({ offset: true }),
    /** The area: administrative units (GSO codes), a polygon drawn on the map ([lon, lat] ring), or both. */
    unitCodes: z.array(z.string().trim().min(1).max(50)).max(200).default([]),
    polygon: z.array(lonLat).min(3).max(2000).optional(),
    /** How the area is named in the alert; by default the units' names. */
    areaDesc: optionalText(500),
  })
  .refine((a) => a.unitCodes.length > 0 || a.polygon, {
    message: 'choose units or draw a polygon',
    path: ['unitCodes'],
  });
export type PublicAlertInput = z.input<typeof publicAlertInputSchema>;
