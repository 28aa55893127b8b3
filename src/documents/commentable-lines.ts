import { structuredPatch } from 'diff';

/**
 * Lines of the new file a review comment may sit on: GitHub accepts only lines inside the diff's
 * hunks (added or context lines on the RIGHT side).
 */
export function commentableLines(patch: string): Set<number> {
  const lines = new Set<number>();
  let right = 0;
  let inHunk = false;
  for (const raw of patch.split(/\r?\n/)) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (header) {
      right = Number(header[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk || raw.startsWith('\\')) continue;
    if (raw.startsWith('-')) continue;
    if (raw.startsWith('+') || raw.startsWith(' ')) {
      lines.add(right);
      right++;
    }
  }
  return lines;
}

/** When GitHub omits `patch` (large diffs), the same hunks computed here from both versions. */
export function localPatch(path: string, before: string, after: string): string {
  const patch = structuredPatch(path, path, before, after, '', '', { context: 3 });
  return patch.hunks.map((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines].join('\n')).join('\n');
}
