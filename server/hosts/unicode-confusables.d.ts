// The package ships its declarations as `index.ts.d`, which TypeScript does not find; these are its.
declare module 'unicode-confusables' {
  const confusables: {
    /** Maps each code point with an entry in Unicode's confusables.txt to its prototype. */
    rectifyConfusion(input: string): string
  }
  export default confusables
}
