/**
 * The order in which the targets take their turns in each round: a
 * Williams design. For an even number n of targets, n rounds form a Latin
 * square in which every target runs once in every position and right
 * after every other target exactly once; for an odd n, each row is
 * followed by its mirror image, so 2n rounds do the same.
 *
 * Why: a round is measured on a machine that the round before it just
 * used, and what one target leaves behind (its clients' backlog and
 * garbage in the load generator, the kernel's socket buffers) falls on
 * whoever comes next. Rotating one order kept the same neighbours every
 * round: ours always ran right after Socket.IO, the target that leaves
 * the most behind, and its first fixed-rate round at 1,000 clients was
 * its slowest in runs L and M.
 */
export function roundOrder(n: number, round: number): number[] {
  // The first row is 0, 1, n-1, 2, n-2, …; row r adds r to each (mod n).
  const row = (r: number) => {
    const first = [0];
    for (let lo = 1, hi = n - 1, k = 1; k < n; k++) first.push(k % 2 === 1 ? lo++ : hi--);
    return first.map((x) => (x + r) % n);
  };
  if (n % 2 === 0) return row(round % n);
  const order = row(Math.floor(round / 2) % n);
  return round % 2 === 0 ? order : order.reverse();
}
