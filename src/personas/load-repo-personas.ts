import type { Octokit } from '../github/types.js';
import { ValidationError } from '../errors/errors.js';
import { parsePersona } from './load-personas.js';
import type { Persona } from './schema.js';

/** Persona files a repository's folder may hold: each one is a GitHub call the first time it is read. */
export const MAX_REPO_PERSONAS = 50;

/**
 * Parsed persona files by content (blob SHA): a reply or a review re-reads the folder listing (one
 * call) but a file is fetched and parsed only when its content changed. Bounded, oldest out first.
 */
const cache = new Map<string, Persona>();
const CACHE_SIZE = 1000;

/**
 * A repository's own personas, read from its default branch (never from the PR under review:
 * a pull request must not be able to rewrite its own reviewers).
 */
export async function loadRepoPersonas(octokit: Octokit, owner: string, repo: string, folder: string): Promise<Persona[]> {
  const clean = folder.replace(/^\/+|\/+$/g, '');
  let listing: unknown;
  try {
    ({ data: listing } = await octokit.rest.repos.getContent({ owner, repo, path: clean, request: { what: `listing ${clean}` } }));
  } catch (error) {
    if ((error as { status?: number }).status === 404)
      throw new ValidationError('.github/rfc-panel.yml', [`reviewers.folder: "${clean}" does not exist on the default branch`]);
    throw error;
  }
  if (!Array.isArray(listing)) throw new ValidationError('.github/rfc-panel.yml', [`reviewers.folder: "${clean}" is a file, not a folder`]);
  const files = (listing as Array<{ type: string; name: string; path: string; sha?: string }>).filter(
    (f) => f.type === 'file' && f.name.endsWith('.md') && f.name.toLowerCase() !== 'readme.md',
  );
  if (files.length > MAX_REPO_PERSONAS) {
    throw new ValidationError('.github/rfc-panel.yml', [
      `reviewers.folder: "${clean}" holds ${files.length} persona files; at most ${MAX_REPO_PERSONAS} are read (each costs a GitHub call)`,
    ]);
  }
  const personas: Persona[] = [];
  for (const file of files) {
    const key = file.sha ? `${owner}/${repo}/${file.path}@${file.sha}`.toLowerCase() : null;
    const known = key ? cache.get(key) : undefined;
    if (known) {
      personas.push(known);
      continue;
    }
    // A failure here is sorted by the client's request hook (sort-github-errors.ts), like every other call.
    const { data } = await octokit.rest.repos.getContent({
      owner,
      repo,
      path: file.path,
      mediaType: { format: 'raw' },
      request: { what: `reading ${file.path}` },
    });
    const persona = parsePersona(file.path, String(data));
    if (key) {
      cache.set(key, persona);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    personas.push(persona);
  }
  return personas;
}
