/** js-yaml's dumper module alone (aliased in vite.config.ts); the same dump as the package's. */
declare module 'js-yaml/dumper' {
  export { dump } from 'js-yaml';
}
