// js-yaml comes with electron-builder (which reads build/electron-builder.yml with it) and has no
// types of its own; the one function the build tests use.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
