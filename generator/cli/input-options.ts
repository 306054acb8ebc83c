/** The options that say where the inputs are, shared by the commands that read them. */
import type { Command } from "commander";

/** Adds `--input` and `--config` to a command. */
export function withInputOptions(command: Command): Command {
  return command
    .option(
      "--input <dir>",
      "the input folder (XSD set + operations), laid out like vmware/vcd-api-schemas",
    )
    .option(
      "--config <file>",
      "the config file (default: vcd-codegen.config.json or .ts at the project root)",
    );
}
