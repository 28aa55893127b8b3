import { callGitHub } from '../github/call-github.js';
import type { Octokit } from '../github/types.js';
import { ValidationError } from '../errors/errors.js';
import { parsePersona } from './load-personas.js';
import type { Persona } from './schema.js';

/**
 * A repository's own personas, read from its default branch (never from the PR under review:
 * a pull request must not be able to rewrite its own reviewers).
 */
export async function loadRepoPersonas(octokit: Octokit, owner: string, repo: string, folder: string): Promise<Persona[]> {
  const clean = folder.replace(/^\/+|\/+$/g, '');
  let listing: unknown;
  try {
    ({ data: listing } = await octokit.rest.repos.getContent({ owner, repo, path: clean }));
  } catch (error) {
    if ((error as { status?: number }).status === 404) throw new ValidationError('.github/rfc-panel.yml', [`reviewers.folder: "${clean}" does not exist on the default branch`]);
    throw error;
  }
  if (!Array.isArray(listing)) throw new ValidationError('.github/rfc-panel.yml', [`reviewers.folder: "${clean}" is a file, not a folder`]);
  const files = (listing as Array<{ type: string; name: string; path: string }>).filter((f) => f.type === 'file' && f.name.endsWith('.md') && f.name.toLowerCase() !== 'readme.md');
  const personas: Persona[] = [];
  for (const file of files) {
    const { data } = await callGitHub(`reading ${file.path}`, () => octokit.rest.repos.getContent({ owner, repo, path: file.path, mediaType: { format: 'raw' } }));
    personas.push(parsePersona(file.path, String(data)));
  }
  return personas;
}
