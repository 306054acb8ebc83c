/** A file of the generated package: its path under the output folder and its full text. */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
}
