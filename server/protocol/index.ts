/** The wire's single source of truth: constants, schemas, event maps. */
export * from './constants';
export * from './schemas';
export * from './events';
