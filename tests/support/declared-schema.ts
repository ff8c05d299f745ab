import ts from 'typescript';

/** A column as db/schema.ts declares it. */
export interface TypedColumn {
  name: string;
  nullable: boolean;
}

/**
 * The tables and columns a schema file's DatabaseSchema declares, read by the TypeScript compiler
 * itself (so `extends`, aliases and Kysely's Generated<…> are understood as the code sees them): each
 * property of DatabaseSchema is a table, each property of its type a column, nullable when what a
 * select returns admits null.
 */
export function declaredSchema(file: string): Map<string, TypedColumn[]> {
  const program = ts.createProgram([file], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const schema = program
    .getSourceFile(file)!
    .statements.find((statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === 'DatabaseSchema');
  if (!schema) throw new Error(`no interface DatabaseSchema in ${file}`);
  const typeOf = (symbol: ts.Symbol) => checker.getTypeOfSymbolAtLocation(symbol, schema);
  const tables = new Map<string, TypedColumn[]>();
  for (const table of checker.getPropertiesOfType(checker.getTypeAtLocation(schema))) {
    const columns = checker.getPropertiesOfType(typeOf(table)).map((column) => {
      let columnType = typeOf(column);
      // Kysely's ColumnType<Select, Insert, Update> (Generated<T> is one): the column holds what a select returns.
      const selected = columnType.getProperty('__select__');
      if (selected) columnType = typeOf(selected);
      const members = columnType.isUnion() ? columnType.types : [columnType];
      return { name: column.name, nullable: members.some((member) => (member.flags & ts.TypeFlags.Null) !== 0) };
    });
    tables.set(table.name, columns);
  }
  return tables;
}
