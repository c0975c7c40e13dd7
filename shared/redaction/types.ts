// The kinds of personal data redaction finds, and the span that marks one in a text.
import { z } from "zod";
import type { Traits } from "./traits";

export const PII_TYPES = [
  "EMAIL",
  "PHONE",
  "CREDIT_CARD",
  "IBAN",
  "IP_ADDRESS",
  "CRYPTO_ADDRESS",
  "NATIONAL_ID",
  "STREET_ADDRESS",
  "PERSON",
  "HANDLE",
  "URL",
] as const;
export const piiTypeSchema = z.enum(PII_TYPES);
export type PiiType = z.infer<typeof piiTypeSchema>;

/** A half-open range [start, end) of UTF-16 code units in the text that was redacted. */
export const piiSpanSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), type: piiTypeSchema })
  .strict()
  .refine((span) => span.end > span.start, "a span ends after it starts");
export type PiiSpan = z.infer<typeof piiSpanSchema>;

/** What a detector proposes, in offsets of the text it was given; the resolver picks among overlaps. */
export interface Candidate {
  start: number;
  end: number;
  type: PiiType;
}

/** A detector family: a pure function from a (normalised) text and what it holds to candidate spans. */
export type Detector = (text: string, traits: Traits) => Candidate[];
