/**
 * npm run check:catalogue [-- <area or component id>] — validates reviewers/catalogue and runs every
 * concern's fixtures and the neutral-text lint; prints each problem, exits 1 when there is one.
 */
import { checkCatalogue } from '../src/engines/checklist/catalogue/check-catalogue.js';
import { loadCatalogue } from '../src/engines/checklist/catalogue/load-catalogue.js';

const filter = process.argv[2];
const catalogue = loadCatalogue();
const problems = checkCatalogue(catalogue, filter ? (c) => c.area.id === filter || c.component.id === filter || c.id === filter : undefined);
for (const p of problems) console.log(`${p.concern}: ${p.problem}`);
const components = new Set([...catalogue.concerns.values()].map((c) => c.component.id)).size;
console.log(`${catalogue.areas.length} areas, ${components} components, ${catalogue.concerns.size} concerns; ${problems.length} problem(s)`);
process.exit(problems.length > 0 ? 1 : 0);
