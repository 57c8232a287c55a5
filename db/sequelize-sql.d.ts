/** Sequelize's replacement binding (the one `sequelize.query` applies; not in its typings). */
declare module 'sequelize/lib/utils/sql' {
  export function injectReplacements(
    sql: string,
    dialect: unknown,
    replacements: Record<string, unknown>,
  ): string;
}
