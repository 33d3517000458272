/**
 * Citizen reports (phản ánh, kiến nghị, the 1022 hotline): channels, statuses, the workflow's
 * transitions, and the pure helpers of triage (category suggestion, duplicates) and publication.
 */
import { z } from 'zod';
import { normalizeSearch } from './text';

export const CASE_CHANNELS = [
  'phone',
  'web',
  'app',
  'zalo',
  'facebook',
  'email',
  'chatbot',
  'open311',
] as const;
export const caseChannelSchema = z.enum(CASE_CHANNELS);
export type CaseChannel = z.infer<typeof caseChannelSchema>;

export const CASE_STATUSES = [
  'received',
  'forwarded',
  'in_progress',
  'returned',
  'answered',
  'closed',
  'merged',
] as const;
export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/** Statuses in which a case still waits for someone (Open311 `open`). */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = [
  'received',
  'forwarded',
  'in_progress',
  'returned',
  'answered',
];

/**
 * The workflow. Hotline operators forward a case to an agency or answer it at once; the agency
 * accepts it or sends it back with a reason, works on it and answers; the operator checks the
 * answer and closes the case (or sends the answer back); the citizen may reopen a closed case.
 */
export const CASE_TRANSITIONS = {
  forward: { from: ['received', 'returned'], to: 'forwarded' },
  answer_directly: { from: ['received', 'returned'], to: 'closed' },
  accept: { from: ['forwarded'], to: 'in_progress' },
  send_back: { from: ['forwarded', 'in_progress'], to: 'returned' },
  answer: { from: ['in_progress'], to: 'answered' },
  reject_answer: { from: ['answered'], to: 'in_progress' },
  close: { from: ['answered'], to: 'closed' },
  reopen: { from: ['closed'], to: 'received' },
  merge: { from: ['received', 'returned', 'forwarded', 'in_progress'], to: 'merged' },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus }>;
export type CaseAction = keyof typeof CASE_TRANSITIONS;

/** The status after `action`, or null when the action is not allowed from `from`. */
export function nextCaseStatus(action: CaseAction, from: CaseStatus): CaseStatus | null {
  const t = CASE_TRANSITIONS[action];
  return (t.from as readonly CaseStatus[]).includes(from) ? t.to : null;
}

/** `PA-2025-000123`. */
export function formatCaseCode(year: number, sequence: number): string {
  return `PA-${year}-${String(sequence).padStart(6, '0')}`;
}

export interface CategoryKeywords {
  code: string;
  keywords: readonly string[];
}

/**
 * Scores each category by the keywords found in the text, accent- and case-insensitively, as
 * whole words; a phrase of n words scores n, so "đèn đường" outweighs "đường". Returns the
 * categories with a positive score, best first (ties by the given order).
 */
export function suggestCategories(
  text: string,
  categories: readonly CategoryKeywords[],
): { code: string; score: number; matched: string[] }[] {
  const haystack = ` ${normalizeSearch(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const scored = categories.map((c, order) => {
    const matched: string[] = [];
    let score = 0;
    for (const keyword of c.keywords) {
      const needle = normalizeSearch(keyword)
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
      if (!needle) continue;
      const hits = haystack.split(` ${needle} `).length - 1;
      if (hits > 0) {
        matched.push(keyword);
        score += needle.split(' ').length * Math.min(hits, 3);
      }
    }
    return { code: c.code, score, matched, order };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ code, score, matched }) => ({ code, score, matched }));
}

const REDACTED = '[đã ẩn]';

/**
 * Hides what looks like personal contact data in a text meant for the public: e-mail addresses
 * and phone numbers (Vietnamese mobile and landline forms, with or without +84 and separators).
 */
export function redactPersonalData(text: string): string {
  return text
    .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, REDACTED)
    .replace(/(?:\+84|\b0)(?:[\s.-]?\d){8,10}\b/g, REDACTED);
}

/** Satisfied = a rating of 4 or 5 (of 5). */
export function isSatisfied(rating: number): boolean {
  return rating >= 4;
}

/** [longitude, latitude] in WGS 84. */
export const lonLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** One report from any channel. Presence of a description and a location is checked by the server with its own error codes. */
export const caseIntakeSchema = z.object({
  title: z.string().trim().max(200).optional(),
  description: z.string().max(10_000).default(''),
  categoryCode: z.string().max(50).optional(),
  unitCode: z.string().max(20).optional(),
  address: z.string().trim().max(500).optional(),
  location: lonLatSchema.optional(),
  reporter: z
    .object({
      name: z.string().trim().max(200).optional(),
      phone: z.string().trim().max(30).optional(),
      email: z.string().trim().email().max(200).optional().or(z.literal('')),
    })
    .optional(),
  isConfidential: z.boolean().default(false),
  /** Base64 (or data: URL) images, checked by their bytes. */
  photos: z
    .array(z.object({ name: z.string().max(200).optional(), data: z.string() }))
    .max(20)
    .default([]),
  /** Channel of a machine caller (app, zalo, facebook, email, chatbot); operators default to phone. */
  channel: caseChannelSchema.optional(),
  /** The channel's own id of the message, so a redelivered message creates no second case. */
  externalId: z.string().max(200).optional(),
  /** When the contact was received, if earlier than now (e.g. a call typed in after it ended). */
  receivedAt: z.string().datetime({ offset: true }).optional(),
});
export type CaseIntake = z.input<typeof caseIntakeSchema>;
