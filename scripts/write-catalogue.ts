/** npm run docs:reviewers — regenerate docs/REVIEWERS.md from reviewers/. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogue } from '../src/engines/checklist/catalogue/load-catalogue.js';
import { loadRules } from '../src/engines/checklist/load-rules.js';
import { loadTemplates } from '../src/engines/checklist/templates/load-templates.js';
import { loadPersonas } from '../src/personas/load-personas.js';
import { renderCatalogue } from './render-catalogue.js';
import { packageRoot } from '../src/package-root.js';

writeFileSync(join(packageRoot(), 'docs', 'REVIEWERS.md'), renderCatalogue(loadPersonas(), loadRules(), loadCatalogue(), loadTemplates()));
console.log('docs/REVIEWERS.md written');
