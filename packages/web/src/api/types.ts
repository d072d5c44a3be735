// The web's view of the API, one file per area; each becomes z.infer of the contract in packages/core/src/api.

export * from './types/disposals';
export * from './types/dues';
export * from './types/me-meetings';
export * from './types/meetings';
export * from './types/mobility';
export * from './types/obligations';
export * from './types/platform';
export * from './types/registry';
export * from './types/standing';
