/** Sequelize's replacement binding (the one `sequelize.query` applies; not in its typings). */
declare module 'sequelize/lib/utils/sql' {
  export function injectReplacements(
    sql: string,
    dialect: unknown,
    replacements: Record<string, unknown>,
  ): string;
}

/** Sequelize's escaping of one replacement value (what `injectReplacements` applies to each). */
declare module 'sequelize/lib/sql-string' {
  export function escape(
    value: unknown,
    timeZone: string | undefined,
    dialect: string,
    format: boolean,
  ): string | number;
}
