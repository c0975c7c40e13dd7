// The command-line tool: `npm run --silent tributary -- <command> [args]`. One line per command below.
import { runParse } from "./parse-command";
import { redactCommand } from "./redact";

type Command = (args: string[]) => Promise<number>;

const processIo = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
};

const COMMANDS: Record<string, { run: Command; help: string }> = {
  parse: {
    run: (args) => runParse(args, processIo),
    help: "parse FILE [--url URL]: items from a HAR file, a captured JSON response or a saved HTML page",
  },
  redact: {
    run: redactCommand,
    help: 'redact: JSON lines {"text": "..."} on stdin, redacted text and spans on stdout',
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) {
    const usage = Object.values(COMMANDS)
      .map((c) => `  ${c.help}`)
      .join("\n");
    process.stderr.write(
      `${name === undefined ? "no command given" : `unknown command: ${name}`}\ncommands:\n${usage}\n`,
    );
    return 2;
  }
  return command.run(args);
}

process.exitCode = await main(process.argv.slice(2));
