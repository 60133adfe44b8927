/* global module */
/**
 * A Jest transform for @actions/workflow-parser, whose ESM build imports its JSON schemas without the
 * `with { type: 'json' }` attribute Node requires; Jest accepts that but prints a deprecation on every run.
 * This adds the attribute to static `import … from "….json"` statements and changes nothing else.
 */
module.exports = {
  process(source) {
    return { code: source.replace(/(\bfrom\s+(["'])[^"'\n]+\.json\2)(\s*;)/g, '$1 with { type: "json" }$3') }
  }
}
