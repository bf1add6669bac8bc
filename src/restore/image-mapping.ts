import { Problem, ProblemKind, problem } from '../validation/problem';

/**
 * The rows of Velero's change-image-name ConfigMap: `<old part>,<new part>`.
 * Velero cuts a row at its first comma and trims both sides.
 */
export function imageMappingRows(images: { readonly [from: string]: string }): { [key: string]: string } {
  return Object.fromEntries(Object.entries(images).map(([from, to], i) => [`mapping-${i + 1}`, `${from},${to}`]));
}

/**
 * What is wrong with image mappings (old part to new part) as Velero v1.18's
 * change-image-name action would use them. For each image it takes the first
 * row, in Go's random map order, whose old part occurs in the image, and
 * replaces every occurrence of that old part; rows never chain.
 *
 * Refused: what Velero cannot use as written (an empty part: an empty old
 * part occurs in every image, and a row with nothing after the comma is
 * skipped; a comma in the old part, where Velero cuts the row; white space,
 * which Velero trims off the ends), a comma or any other character no image
 * name holds in the new part (and in the old part, which then never
 * applies), and an old part that contains another old part, since every
 * image the longer part occurs in gets one of the two rows at random.
 * Everything else is taken as it is: parts of names, tags, digests, in any case.
 */
export function imageMappingProblems(images: { readonly [from: string]: string }, at = 'images'): Problem[] {
  const problems: Problem[] = [];
  const entries = Object.entries(images);
  for (const [from, to] of entries) {
    const field = `${at}[${JSON.stringify(from)}]`;
    if (from === '' || to === '') {
      problems.push(problem(field, { [from]: to }, from === ''
        ? 'has an empty old part, which Velero finds in every image and would put the new part between all its characters'
        : 'has an empty new part: Velero skips a row with nothing after the comma',
      'a non-empty old part and new part', ProblemKind.DELIBERATE));
      continue;
    }
    if (/\s/.test(from) || /\s/.test(to)) {
      problems.push(problem(field, /\s/.test(from) ? from : to, 'holds white space, which Velero trims off the ends and no image name holds',
        'image name parts without white space', ProblemKind.DELIBERATE));
    }
    if (from.includes(',')) {
      problems.push(problem(field, from, 'holds a comma, where Velero ends the old part of the row',
        'an old part without commas', ProblemKind.DELIBERATE));
    }
    if (to.includes(',')) {
      problems.push(problem(field, to, 'holds a comma, which Velero would write into the image name',
        'a new part without commas (no image name holds one)', ProblemKind.DELIBERATE));
    }
    // An image reference (domain, IPv6 in brackets, path, tag, digest) holds no other characters.
    const alien = [from, to].map(part => /[^A-Za-z0-9._\-/:@+[\]\s,]/.exec(part)?.[0]);
    for (const [i, part] of [from, to].entries()) {
      if (alien[i] !== undefined) {
        problems.push(problem(field, part, `holds ${JSON.stringify(alien[i])}, which no image name holds: `
          + (i === 0 ? 'the mapping would never apply' : 'every image it applies to could no longer be pulled'),
        'letters, digits and . _ - / : @ + [ ] (the characters of image names)', ProblemKind.DELIBERATE));
      }
    }
    for (const [other] of entries) {
      if (other !== from && from !== '' && other.includes(from)) {
        problems.push(problem(field, from, `occurs in another old part, ${other}: each image holding ${other} gets one of the two rows, `
          + 'whichever Velero meets first in its random order',
        'old parts none of which occurs in another', ProblemKind.DELIBERATE));
      }
    }
  }
  return problems;
}
