// `tributary redact`: JSON lines {"text": "..."} on stdin, one {"text": "<redacted>", "spans": [...]} line per input.
import { createInterface } from "node:readline";
import { z } from "zod";
import { redactText } from "../shared/redaction/index";

const inputLine = z.object({ text: z.string() });

export async function redactCommand(_args: string[]): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === "") continue;
    let parsed: z.ZodSafeParseResult<{ text: string }>;
    try {
      parsed = inputLine.safeParse(JSON.parse(line));
    } catch {
      process.stderr.write(`line ${lineNumber}: not JSON; expected {"text": "..."}\n`);
      return 1;
    }
    if (!parsed.success) {
      process.stderr.write(`line ${lineNumber}: expected an object with a string "text"\n`);
      return 1;
    }
    const { text, spans } = redactText(parsed.data.text);
    process.stdout.write(`${JSON.stringify({ text, spans })}\n`);
  }
  return 0;
}
