// Runs the tests of CSAF 2.0 section 6 that @secvisogram/csaf-validator-lib
// implements on CSAF documents and prints the results as JSON.
//
//   node validate.mjs LIBDIR FILE...
//
// LIBDIR is the installed package's directory (node_modules/@secvisogram/
// csaf-validator-lib). The output is one JSON array with an element per file:
//
//   {"file": FILE, "isValid": bool, "tests": [{"name", "kind", "isValid",
//    "errors", "warnings", "infos"}]}
//
// where kind is "schema" (the strict CSAF 2.0 schema), "mandatory" (6.1),
// "optional" (6.2, "recommended" in later versions of the standard) or
// "informative" (6.3), and each message is {"message", "instancePath"}.
// isValid is the library's verdict: schema and mandatory tests only, as the
// library reports only their errors as making a document invalid.
//
// Three informative tests are left out, because they reach outside the
// document: 6.3.6 and 6.3.7 fetch every URL the document names, and 6.3.8
// runs hunspell. The exit status is 0 when every document was read and
// tested (whatever the verdicts), 2 on bad usage or an unreadable file.

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [libDir, ...files] = process.argv.slice(2)
if (!libDir || files.length === 0) {
  process.stderr.write('usage: node validate.mjs LIBDIR FILE...\n')
  process.exit(2)
}

const load = (name) => import(pathToFileURL(join(libDir, name)).href)
const schema = await load('schemaTests.js')
const mandatory = await load('mandatoryTests.js')
const optional = await load('optionalTests.js')
const informative = await load('informativeTests.js')
const { default: validateStrict } = await load('validateStrict.js')

const outside = new Set([
  'informativeTest_6_3_6',
  'informativeTest_6_3_7',
  'informativeTest_6_3_8',
])
const kinds = [
  ['schema', [schema.csaf_2_0_strict]],
  ['mandatory', Object.values(mandatory)],
  ['optional', Object.values(optional)],
  ['informative', Object.values(informative).filter((t) => !outside.has(t.name))],
]
const kindOf = new Map()
for (const [kind, tests] of kinds) {
  for (const t of tests) kindOf.set(t.name, kind)
}
const tests = kinds.flatMap(([, t]) => t)

const results = []
for (const file of files) {
  let doc
  try {
    doc = JSON.parse(await readFile(file, 'utf8'))
  } catch (err) {
    process.stderr.write(`${file}: ${err.message}\n`)
    process.exit(2)
  }
  const res = await validateStrict(tests, doc)
  results.push({
    file,
    isValid: res.isValid,
    tests: res.tests.map((t) => ({
      name: t.name,
      kind: kindOf.get(t.name),
      isValid: t.isValid,
      errors: t.errors,
      warnings: t.warnings,
      infos: t.infos,
    })),
  })
}
process.stdout.write(JSON.stringify(results) + '\n')
