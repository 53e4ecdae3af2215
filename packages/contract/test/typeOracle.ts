// The referee of the differential test: the TypeScript compiler, on the files openapi-typescript generates (as
// packages/types generates them). Many generated files go into one program; each question is asked of its checker.
// A change breaks readers when a value of the new type is not assignable to the old one, or a member old code reads
// is gone or wider; it breaks builders when a value of the old type is not assignable to the new one, or a member a
// value could hold through the old index signature is narrower now (src/commands/diff/typeRelation.ts asks the same
// questions of its model of the generated types).
import path from 'node:path';
import ts from 'typescript';

const DIR = '/generated';

export interface Breaks {
  readers: boolean;
  builders: boolean;
}

export class TypeOracle {
  private readonly files = new Map<string, string>();
  private readonly byText = new Map<string, string>();
  private readonly aliases = new Map<string, [module: string, component: string]>();
  private checker: ts.TypeChecker | undefined;
  private readonly types = new Map<string, ts.Type>();

  /** Adds a generated file (once per distinct text); returns its module name. */
  module(text: string): string {
    let name = this.byText.get(text);
    if (!name) {
      name = `m${this.byText.size}`;
      this.byText.set(text, name);
      this.files.set(path.posix.join(DIR, `${name}.ts`), text);
    }
    return name;
  }

  /** Asks for `components['schemas'][component]` of a module; returns the alias to read it by after `compile()`. */
  schema(module: string, component: string): string {
    const alias = `A${this.aliases.size}`;
    this.aliases.set(alias, [module, component]);
    return alias;
  }

  compile(): void {
    const imports = [...this.byText.values()].map((m) => `import type * as ${m} from './${m}';`);
    const aliases = [...this.aliases].map(
      ([alias, [module, component]]) =>
        `export type ${alias} = ${module}.components['schemas'][${JSON.stringify(component)}];`,
    );
    const probe = path.posix.join(DIR, 'probe.ts');
    this.files.set(probe, [...imports, ...aliases].join('\n'));
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      types: [],
    };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (file, language) => {
      const text = this.files.get(file);
      return text === undefined ? getSourceFile(file, language) : ts.createSourceFile(file, text, language);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (file) => this.files.has(file) || fileExists(file);
    const readFile = host.readFile.bind(host);
    host.readFile = (file) => this.files.get(file) ?? readFile(file);
    const directoryExists = host.directoryExists?.bind(host);
    host.directoryExists = (dir) => dir === DIR || (directoryExists?.(dir) ?? false);
    const program = ts.createProgram([probe], options, host);
    this.checker = program.getTypeChecker();
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(probe));
    if (diagnostics.length > 0) throw new Error(ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, '\n'));
    for (const statement of program.getSourceFile(probe)!.statements) {
      if (ts.isTypeAliasDeclaration(statement))
        this.types.set(statement.name.text, this.checker.getTypeAtLocation(statement.name));
    }
  }

  breaks(baseAlias: string, headAlias: string): Breaks {
    const checker = this.checker!;
    const base = this.types.get(baseAlias)!;
    const head = this.types.get(headAlias)!;
    return {
      readers: !checker.isTypeAssignableTo(head, base) || !this.readersKeep(base, head, new Set()),
      builders: !checker.isTypeAssignableTo(base, head) || !this.buildersKeep(base, head, new Set()),
    };
  }

  /** Both objects (or both arrays) once null is set aside; their element types for arrays. */
  private pair(base: ts.Type, head: ts.Type): ['object' | 'array', ts.Type, ts.Type] | undefined {
    const checker = this.checker!;
    const b = checker.getNonNullableType(base);
    const h = checker.getNonNullableType(head);
    if (checker.isArrayType(b) && checker.isArrayType(h))
      return [
        'array',
        checker.getTypeArguments(b as ts.TypeReference)[0]!,
        checker.getTypeArguments(h as ts.TypeReference)[0]!,
      ];
    const isObjectType = (t: ts.Type) =>
      !checker.isArrayType(t) &&
      (t.flags & ts.TypeFlags.Object || t.flags & ts.TypeFlags.Intersection) !== 0 &&
      !(t.flags & ts.TypeFlags.Union);
    return isObjectType(b) && isObjectType(h) ? ['object', b, h] : undefined;
  }

  /** What code reads from `type` at `name`: the property's type (with undefined when optional), else the index's. */
  private read(type: ts.Type, name: string): ts.Type | undefined {
    const checker = this.checker!;
    const property = checker.getPropertyOfType(type, name);
    if (property) return checker.getTypeOfSymbol(property);
    return this.index(type);
  }

  private index(type: ts.Type): ts.Type | undefined {
    return this.checker!.getIndexInfosOfType(type).find((i) => i.keyType.flags & ts.TypeFlags.String)?.type;
  }

  private names(type: ts.Type): string[] {
    return this.checker!.getPropertiesOfType(type).map((p) => p.name);
  }

  /** Walks both sides' members once per pair: array items with `recurse`, two objects with `objects`. */
  private byMembers(
    base: ts.Type,
    head: ts.Type,
    seen: Set<string>,
    recurse: (b: ts.Type, h: ts.Type) => boolean,
    objects: (b: ts.Type, h: ts.Type, checker: ts.TypeChecker) => boolean,
  ): boolean {
    const key = `${id(base)}|${id(head)}`;
    if (seen.has(key)) return true;
    seen.add(key);
    const pair = this.pair(base, head);
    if (!pair) return true;
    const [kind, b, h] = pair;
    return kind === 'array' ? recurse(b, h) : objects(b, h, this.checker!);
  }

  private readersKeep(base: ts.Type, head: ts.Type, seen: Set<string>): boolean {
    return this.byMembers(
      base,
      head,
      seen,
      (b, h) => this.readersKeep(b, h, seen),
      (b, h, checker) => {
        const bIndex = this.index(b);
        const names = new Set([...this.names(b), ...(bIndex ? this.names(h) : [])]);
        for (const name of names) {
          const was = this.read(b, name)!;
          const now = this.read(h, name);
          if (!now || !checker.isTypeAssignableTo(now, was)) return false;
          const bp = checker.getPropertyOfType(b, name);
          const hp = checker.getPropertyOfType(h, name);
          if (bp && hp && !this.readersKeep(checker.getTypeOfSymbol(bp), checker.getTypeOfSymbol(hp), seen))
            return false;
        }
        const hIndex = this.index(h);
        return (
          !bIndex || (!!hIndex && checker.isTypeAssignableTo(hIndex, bIndex) && this.readersKeep(bIndex, hIndex, seen))
        );
      },
    );
  }

  private buildersKeep(base: ts.Type, head: ts.Type, seen: Set<string>): boolean {
    return this.byMembers(
      base,
      head,
      seen,
      (b, h) => this.buildersKeep(b, h, seen),
      (b, h, checker) => {
        const bIndex = this.index(b);
        const hIndex = this.index(h);
        const bNames = new Set(this.names(b));
        for (const name of bIndex ? this.names(h) : []) {
          if (!bNames.has(name) && !checker.isTypeAssignableTo(bIndex!, this.read(h, name)!)) return false;
        }
        for (const name of bNames) {
          const hp = checker.getPropertyOfType(h, name);
          const bp = checker.getPropertyOfType(b, name)!;
          if (hp && !this.buildersKeep(checker.getTypeOfSymbol(bp), checker.getTypeOfSymbol(hp), seen)) return false;
        }
        return !bIndex || !hIndex || this.buildersKeep(bIndex, hIndex, seen);
      },
    );
  }
}

const ids = new WeakMap<ts.Type, number>();
let lastId = 0;
function id(type: ts.Type): number {
  let n = ids.get(type);
  if (n === undefined) {
    n = ++lastId;
    ids.set(type, n);
  }
  return n;
}
