/** Reads an XML file (a schema or a catalog) into a DOM whose nodes know their line and column. */
import { readInputFile, type ReadText } from "../read-input-file.js";
import { cacheXmldomRegExps } from "./xmldom-regexp-cache.js";
import { DOMParser } from "@xmldom/xmldom";
import { XmlTreeBuilder, type XmlElement } from "./xml-tree.js";
import {
  GeneratorError,
  fileStart,
  type SourceLocation,
} from "../diagnostics.js";

export interface XmlDocument {
  readonly file: string;
  readonly root: XmlElement;
}

export function readXmlFile(
  file: string,
  read: ReadText = readInputFile,
): XmlDocument {
  return parseXml(read(file), file);
}

export function parseXml(text: string, file: string): XmlDocument {
  checkDeclaredEncoding(text, file);
  cacheXmldomRegExps();
  let failure: GeneratorError | undefined;
  const parser = new DOMParser({
    locator: true,
    // xmldom reads and checks the XML; the tree it builds is our light one (xml-tree.ts).
    domHandler: XmlTreeBuilder,
    // Schemas must be well-formed: even what xmldom only warns about (an unquoted attribute) fails.
    onError(_level, message, context) {
      if (failure) return;
      const where = positionOf(context) ?? positionFromMessage(message);
      failure = new GeneratorError(`malformed XML: ${firstLine(message)}`, {
        file,
        line: where?.line ?? 1,
        column: where?.column ?? 1,
      });
      throw failure;
    },
  });
  let doc: { documentElement: XmlElement | null };
  try {
    doc = parser.parseFromString(text, "text/xml") as unknown as {
      documentElement: XmlElement | null;
    };
  } catch (error) {
    if (failure) throw failure;
    throw new GeneratorError(
      `malformed XML: ${firstLine((error as Error).message)}`,
      fileStart(file),
    );
  }
  const root = doc.documentElement;
  if (!root)
    throw new GeneratorError("malformed XML: no root element", fileStart(file));
  return { file, root };
}

/** The text was read as UTF-8: a file that declares another encoding is refused at its declaration. */
function checkDeclaredEncoding(text: string, file: string): void {
  const declared =
    /^\uFEFF?<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(text);
  if (!declared || /^utf-?8$/i.test(declared[1])) return;
  throw new GeneratorError(
    `the XML declaration says encoding="${declared[1]}": inputs are read as UTF-8 (convert the file and its declaration)`,
    { file, line: 1, column: declared[0].lastIndexOf("encoding") + 1 },
  );
}

/** The location of a node, for messages. */
export function locationOf(
  file: string,
  node: { readonly lineNumber?: number; readonly columnNumber?: number },
): SourceLocation {
  return {
    file,
    line: node.lineNumber ?? 1,
    column: node.columnNumber ?? 1,
  };
}

function positionOf(
  context: unknown,
): { line: number; column: number } | undefined {
  const locator = (
    context as
      { locator?: { lineNumber?: number; columnNumber?: number } } | undefined
  )?.locator;
  if (locator?.lineNumber)
    return { line: locator.lineNumber, column: locator.columnNumber ?? 1 };
  return undefined;
}

function positionFromMessage(
  message: string,
): { line: number; column: number } | undefined {
  const match = /line:\s*(\d+)[\s\S]*?col:\s*(\d+)/.exec(message);
  return match
    ? { line: Number(match[1]), column: Number(match[2]) }
    : undefined;
}

function firstLine(message: string): string {
  return message
    .split("\n")[0]
    .replace(/^\[xmldom [a-zA-Z]+\]\s*/, "")
    .trim();
}
