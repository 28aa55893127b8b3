import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, ValidationError } from '../../../errors/errors.js';
import { builtInReviewersDir } from '../../../personas/load-personas.js';
import { readYamlFile } from '../read-yaml-file.js';
import { compileTerms, type TermMatcher } from './compile-terms.js';
import { type Concepts, makeConcepts } from './make-concepts.js';
import { type AreaFile, AreaFileSchema, type Component, type Concern, type Vocabularies, VocabulariesSchema } from './schema.js';

export interface CompiledConcern {
  /** `<component>.<concern>`: the finding's concern and rule id. */
  id: string;
  area: { id: string; title: string };
  component: Component;
  concern: Concern;
  synonyms: TermMatcher;
  exclude: TermMatcher | null;
  risk: TermMatcher | null;
  prefer: TermMatcher | null;
  requires: TermMatcher[];
  handled: TermMatcher;
  heading: TermMatcher | null;
  /** The catalogue's shared word lists as concepts, for comparing a line with the concern by meaning. */
  concepts: Concepts;
}

export interface Catalogue {
  vocabularies: Vocabularies;
  areas: AreaFile[];
  concerns: Map<string, CompiledConcern>;
}

function builtInCatalogueDir(): string {
  return join(builtInReviewersDir(), 'catalogue');
}

const cache = new Map<string, Catalogue>();

/**
 * Every `<area>.yaml` in the catalogue folder plus `vocabularies.yaml`, validated and compiled once
 * per process (the files ship with the app; re-reading them per review would block webhooks).
 */
export function loadCatalogue(dir = builtInCatalogueDir()): Catalogue {
  const cached = cache.get(dir);
  if (cached) return cached;
  const catalogue = readCatalogue(dir);
  cache.set(dir, catalogue);
  return catalogue;
}

function readCatalogue(dir: string): Catalogue {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.yaml'))
      .sort();
  } catch (error) {
    throw new InputError(`cannot read the catalogue folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // `vocabularies.yaml` and `vocabularies.<topic>.yaml`: one namespace, each name defined once.
  const vocabularies: Vocabularies = {};
  const vocabFiles = names.filter((n) => /^vocabularies(\.[a-z0-9-]+)?\.yaml$/.test(n));
  for (const name of vocabFiles) {
    const file = join(dir, name);
    for (const [key, terms] of Object.entries(readYamlFile(file, VocabulariesSchema))) {
      if (key in vocabularies) throw new ValidationError(file, [`@${key} is already defined in another vocabularies file`]);
      vocabularies[key] = terms;
    }
  }
  const concepts = makeConcepts(vocabularies);
  const areas: AreaFile[] = [];
  const concerns = new Map<string, CompiledConcern>();
  const componentIds = new Set<string>();
  for (const name of names.filter((n) => !vocabFiles.includes(n))) {
    const file = join(dir, name);
    const area = readYamlFile(file, AreaFileSchema);
    if (`${area.area}.yaml` !== name) throw new ValidationError(file, [`area: "${area.area}" must match the file name "${name}"`]);
    areas.push(area);
    for (const component of area.components) {
      if (componentIds.has(component.id)) throw new ValidationError(file, [`components: "${component.id}" is defined twice in the catalogue`]);
      componentIds.add(component.id);
      const compile = (terms: string[], where: string, acrossLines = false): TermMatcher => {
        try {
          return compileTerms(terms, vocabularies, { acrossLines });
        } catch (error) {
          throw new ValidationError(file, [`${component.id}${where}: ${(error as Error).message}`]);
        }
      };
      const synonyms = compile(component.synonyms, '.synonyms');
      const exclude = component.exclude.length > 0 ? compile(component.exclude, '.exclude') : null;
      for (const concern of component.concerns) {
        const id = `${component.id}.${concern.id}`;
        if (concerns.has(id)) throw new ValidationError(file, [`concerns: "${id}" is defined twice`]);
        concerns.set(id, {
          id,
          area: { id: area.area, title: area.title },
          component,
          concern,
          synonyms,
          exclude,
          risk: concern.risk.length > 0 ? compile(concern.risk, `.${concern.id}.risk`) : null,
          prefer: concern.prefer.length > 0 ? compile(concern.prefer, `.${concern.id}.prefer`) : null,
          requires: concern.requires.map((r, i) => compile(r, `.${concern.id}.requires[${i}]`)),
          handled: compile(concern.handled, `.${concern.id}.handled`, true),
          heading: concern.heading.length > 0 ? compile(concern.heading, `.${concern.id}.heading`) : null,
          concepts,
        });
      }
    }
  }
  return { vocabularies, areas, concerns };
}
