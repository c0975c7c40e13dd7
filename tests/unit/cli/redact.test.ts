// `tributary redact`, spawned as a user runs it: JSON lines in, one redacted line with input offsets out per line.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { piiSpanSchema } from "../../../shared/redaction/index";

function runRedact(input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "tributary", "--", "redact"], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("tributary redact", () => {
  it("prints one redacted JSON line per input line, spans in offsets of the input", async () => {
    const texts = ["mail jane@example.com now", "nothing here", "call +44 20 7946 0958 or @janedoe"];
    const { code, stdout, stderr } = await runRedact(`${texts.map((text) => JSON.stringify({ text })).join("\n")}\n`);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { text: string; spans: unknown[] });
    expect(lines.map((line) => line.text)).toEqual(["mail [EMAIL] now", "nothing here", "call [PHONE] or [HANDLE]"]);
    const spans = lines[2]!.spans.map((span) => piiSpanSchema.parse(span));
    expect(spans.map((span) => [span.type, texts[2]!.slice(span.start, span.end)])).toEqual([
      ["PHONE", "+44 20 7946 0958"],
      ["HANDLE", "@janedoe"],
    ]);
  });

  it("stops with a one-line error naming the line and a non-zero status on a bad line", async () => {
    const notJson = await runRedact(`${JSON.stringify({ text: "ok" })}\n{not json\n`);
    expect(notJson.code).not.toBe(0);
    expect(notJson.stdout.trim().split("\n")).toHaveLength(1);
    expect(notJson.stderr.trim().split("\n")).toEqual(['line 2: not JSON; expected {"text": "..."}']);

    const noText = await runRedact(`${JSON.stringify({ body: "ok" })}\n`);
    expect(noText.code).not.toBe(0);
    expect(noText.stderr.trim()).toBe('line 1: expected an object with a string "text"');
  });
});
