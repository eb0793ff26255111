//! The one-to-one pairing the scorer uses for events and casualty claims: a
//! maximum-weight assignment (the Hungarian method), step for step as
//! `best_assignment` in `shared/tools/score`, so that ties fall the same way.
//!
//! The reference runs it in floats on integer weights below 2^53, where float
//! arithmetic is exact; here it runs in integers.

/// Stands for Python's `float("inf")`: every value the method compares
/// against it is far smaller.
const INF: i128 = i128::MAX / 4;

/// The (row, column) pairs of a maximum-weight one-to-one assignment, sorted.
/// `weights[i][j] > 0` where row `i` may take column `j`, `0` where it may
/// not; pairs of weight 0 are left out.
pub fn best_assignment(weights: &[Vec<i64>]) -> Vec<(usize, usize)> {
    let n = weights.len();
    let m = weights.first().map_or(0, Vec::len);
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let w: Vec<Vec<i128>> = if n <= m {
        weights
            .iter()
            .map(|r| r.iter().map(|&x| i128::from(x)).collect())
            .collect()
    } else {
        (0..m)
            .map(|j| (0..n).map(|i| i128::from(weights[i][j])).collect())
            .collect()
    };
    let p = hungarian(&w);
    let mut pairs = Vec::new();
    for (j, &row) in p.iter().enumerate().skip(1) {
        if row == 0 {
            continue;
        }
        let (mut i, mut jj) = (row - 1, j - 1);
        if n > m {
            std::mem::swap(&mut i, &mut jj);
        }
        if weights[i][jj] > 0 {
            pairs.push((i, jj));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// The Hungarian method on a matrix with no more rows than columns,
/// maximizing: returns `p`, where `p[j]` is the 1-based row given column
/// `j` (1-based; 0 for none).
fn hungarian(w: &[Vec<i128>]) -> Vec<usize> {
    let (rows, cols) = (w.len(), w[0].len());
    let mut u = vec![0i128; rows + 1];
    let mut v = vec![0i128; cols + 1];
    let mut p = vec![0usize; cols + 1];
    let mut way = vec![0usize; cols + 1];
    for i in 1..=rows {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![INF; cols + 1];
        let mut used = vec![false; cols + 1];
        loop {
            used[j0] = true;
            let (i0, mut delta, mut j1) = (p[j0], INF, 0);
            for j in 1..=cols {
                if !used[j] {
                    let cur = -w[i0 - 1][j - 1] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=cols {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        while j0 != 0 {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_heaviest_one_to_one_pairing() {
        // Greedy would give row 0 column 0 (weight 9) and leave row 1 alone.
        let w = vec![vec![9, 8], vec![7, 0]];
        assert_eq!(best_assignment(&w), vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn leaves_out_forbidden_pairs_and_handles_both_shapes() {
        assert_eq!(best_assignment(&[vec![0, 0, 5]]), vec![(0, 2)]);
        let tall = vec![vec![0], vec![3], vec![4]];
        assert_eq!(best_assignment(&tall), vec![(2, 0)]);
        assert_eq!(best_assignment(&[vec![0, 0]]), vec![]);
        assert!(best_assignment(&[]).is_empty());
        assert!(best_assignment(&[vec![], vec![]]).is_empty());
    }

    #[test]
    fn large_weights_stay_exact() {
        let big = 10i64.pow(13);
        let w = vec![vec![big + 3, big + 1], vec![big + 2, big + 2]];
        assert_eq!(best_assignment(&w), vec![(0, 0), (1, 1)]);
    }
}
