export * from './catalogue';
export * from './periods';
export * from './rollup';
export * from './formula';
export * from './warning';
export * from './format';
export * from './text';
export * from './geo';
