/**
 * Reading a YAML file of the knowledge or intents folders: fast, with line numbers only
 * when a problem needs them.
 *
 * js-yaml reads a file about ten times faster than `yaml`'s document model, whose node
 * positions the error messages point with. Start-up read every file through the document
 * model (~0.2 s of the cold start); now a file goes through js-yaml first and the document
 * model is built only for a file js-yaml cannot read, or when `lineOf` is asked (a schema
 * problem). Both read YAML 1.2's core schema (no timestamps, no `yes`/`no` booleans), so
 * the data is the same either way; a test holds that for every file the folders ship.
 */
import { CORE_SCHEMA, load as loadJsYaml } from 'js-yaml';
import { LineCounter, parseDocument, type Document } from 'yaml';

export interface YamlProblem {
  /** 1-based line, when known. */
  line?: number;
  message: string;
}

export interface YamlSource {
  /** The data, or undefined when the file is not valid YAML (see `errors`). */
  data: unknown;
  /** Syntax errors, with lines, in the words the knowledge check shows staff. */
  errors: YamlProblem[];
  /**
   * The 1-based line of the value at `path` (or of its nearest parent that has one): for
   * pointing a schema problem at its line. Builds the document model on first use.
   */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/** Read a YAML source (see the top of this file). */
export function readYamlSource(source: string): YamlSource {
  let model: { doc: Document.Parsed; counter: LineCounter } | undefined;
  const document = () => {
    if (!model) {
      const counter = new LineCounter();
      model = { doc: parseDocument(source, { lineCounter: counter, prettyErrors: false }), counter };
    }
    return model;
  };
  const lineOf = (path: readonly (string | number)[]) => {
    const { doc, counter } = document();
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return counter.linePos(node.range[0]).line;
    }
    return undefined;
  };

  try {
    return { data: loadJsYaml(source, { schema: CORE_SCHEMA }), errors: [], lineOf };
  } catch {
    // js-yaml refused it: the document model says where (or reads what js-yaml would not).
  }
  const { doc, counter } = document();
  const errors = doc.errors.map((e) => ({ line: counter.linePos(e.pos[0]).line, message: e.message.split('\n')[0] ?? e.message }));
  return { data: errors.length ? undefined : doc.toJS(), errors, lineOf };
}
