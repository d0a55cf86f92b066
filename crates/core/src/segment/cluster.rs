//! k-means++ clustering for customer segmentation.
//!
//! Put one row of features per customer in a [`Matrix`], [`standardise`] it, then call
//! [`choose_k`] or drive [`KMeans`] yourself: `new` seeds the centroids (k-means++,
//! D² sampling) and each `step` is one Lloyd iteration, so a page can run one step per
//! frame. Seeding and each step cost O(rows·k·cols) without allocating per row;
//! [`silhouette`] costs O(sample²·cols). Everything is deterministic for a given seed.
//!
//! Features must be finite (`standardise` turns a constant or non-finite column into
//! zeros). Empty data gives a clustering with `k = 0`, no centroids and an empty
//! assignment. With fewer distinct points than `k`, seeding stops early: the clustering
//! then has one cluster per distinct point.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::ops::RangeInclusive;

/// Lloyd iterations after which [`KMeans::step`] stops even without convergence.
pub const MAX_ITER: usize = 100;

/// Row-major matrix of features: one row per customer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Matrix {
    pub rows: usize,
    pub cols: usize,
    pub data: Vec<f64>,
}

impl Matrix {
    pub fn new(cols: usize) -> Matrix {
        Matrix {
            rows: 0,
            cols,
            data: Vec::new(),
        }
    }

    /// Appends a row; panics if its length is not `cols`.
    pub fn push_row(&mut self, row: &[f64]) {
        assert_eq!(row.len(), self.cols, "a row needs one value per column");
        self.data.extend_from_slice(row);
        self.rows += 1;
    }

    pub fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }
}

/// Squared Euclidean distance.
fn dist2(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// What [`standardise`] removed from each column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scale {
    pub means: Vec<f64>,
    pub sds: Vec<f64>,
}

impl Scale {
    /// Maps a standardised row (a centroid, say) back to the original units.
    pub fn original(&self, z: &[f64]) -> Vec<f64> {
        let ms = self.means.iter().zip(&self.sds);
        z.iter().zip(ms).map(|(z, (m, s))| z * s + m).collect()
    }
}

/// Standardises each column in place to mean 0 and (population) standard deviation 1.
/// A constant or non-finite column becomes all 0 and gets sd 0 in the [`Scale`].
pub fn standardise(m: &mut Matrix) -> Scale {
    let (rows, cols) = (m.rows, m.cols);
    let mut scale = Scale {
        means: vec![0.0; cols],
        sds: vec![0.0; cols],
    };
    if rows == 0 {
        return scale;
    }
    for c in 0..cols {
        let n = rows as f64;
        let mean = (0..rows).map(|r| m.data[r * cols + c]).sum::<f64>() / n;
        let var = (0..rows)
            .map(|r| (m.data[r * cols + c] - mean).powi(2))
            .sum::<f64>()
            / n;
        let sd = var.sqrt();
        // Rounding can leave a constant column with an sd far below its mean's precision.
        let usable = mean.is_finite() && sd > mean.abs() * 1e-12;
        for r in 0..rows {
            let x = &mut m.data[r * cols + c];
            *x = if usable { (*x - mean) / sd } else { 0.0 };
        }
        scale.means[c] = if mean.is_finite() { mean } else { 0.0 };
        scale.sds[c] = if usable { sd } else { 0.0 };
    }
    scale
}

/// k-means++ seeding then Lloyd iterations, as a resumable state machine.
///
/// Invariant between calls: every row is assigned to its nearest centroid and `dist2`
/// holds that squared distance.
#[derive(Clone, Debug, PartialEq)]
pub struct KMeans {
    k: usize,
    cols: usize,
    centroids: Vec<f64>,
    assignment: Vec<u16>,
    dist2: Vec<f64>,
    sums: Vec<f64>,
    counts: Vec<usize>,
    iter: usize,
    converged: bool,
}

impl KMeans {
    /// Seeds the centroids with k-means++ and assigns each row to its nearest seed.
    /// `k` is clamped to `1..=rows` (0 for no rows) and to 65,536 (`u16` labels); seeding
    /// stops early when every row coincides with a seed, so [`KMeans::k`] may be smaller.
    pub fn new(data: &Matrix, k: usize, seed: u64) -> KMeans {
        let (rows, cols) = (data.rows, data.cols);
        let want = k.clamp(1, u16::MAX as usize + 1).min(rows);
        let mut km = KMeans {
            k: 0,
            cols,
            centroids: Vec::with_capacity(want * cols),
            assignment: vec![0; rows],
            dist2: vec![f64::INFINITY; rows],
            sums: Vec::new(),
            counts: Vec::new(),
            iter: 0,
            converged: rows == 0,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut next = (rows > 0).then(|| rng.random_range(0..rows));
        while let Some(p) = next {
            let label = km.k as u16;
            km.centroids.extend_from_slice(data.row(p));
            km.k += 1;
            let c = &km.centroids[(km.k - 1) * cols..];
            for (i, d2) in km.dist2.iter_mut().enumerate() {
                let d = dist2(data.row(i), c);
                if d < *d2 {
                    *d2 = d;
                    km.assignment[i] = label;
                }
            }
            next = if km.k < want {
                sample_d2(&km.dist2, &mut rng)
            } else {
                None
            };
        }
        km.sums = vec![0.0; km.k * cols];
        km.counts = vec![0; km.k];
        km
    }

    /// One Lloyd iteration: move each centroid to the mean of its rows, then assign each
    /// row to its nearest centroid (lowest index on ties). An empty cluster is re-seeded
    /// with the row farthest from its centroid. Returns true when done: converged (no
    /// assignment changed) or [`MAX_ITER`] reached. Panics if `data` is not the matrix
    /// given to `new`.
    pub fn step(&mut self, data: &Matrix) -> bool {
        if self.is_done() {
            return true;
        }
        assert!(
            data.rows == self.assignment.len() && data.cols == self.cols,
            "not the matrix given to KMeans::new"
        );
        let (k, cols) = (self.k, self.cols);
        self.sums.fill(0.0);
        self.counts.fill(0);
        for (i, &a) in self.assignment.iter().enumerate() {
            let a = a as usize;
            self.counts[a] += 1;
            for (s, x) in self.sums[a * cols..(a + 1) * cols]
                .iter_mut()
                .zip(data.row(i))
            {
                *s += x;
            }
        }
        for j in (0..k).filter(|&j| self.counts[j] > 0) {
            let n = self.counts[j] as f64;
            for c in j * cols..(j + 1) * cols {
                self.centroids[c] = self.sums[c] / n;
            }
        }

        self.counts.fill(0);
        let mut changed = 0;
        for i in 0..data.rows {
            let row = data.row(i);
            let (mut best, mut best_d) = (0, f64::INFINITY);
            for j in 0..k {
                let d = dist2(row, &self.centroids[j * cols..(j + 1) * cols]);
                if d < best_d {
                    (best, best_d) = (j, d);
                }
            }
            if self.assignment[i] as usize != best {
                self.assignment[i] = best as u16;
                changed += 1;
            }
            self.dist2[i] = best_d;
            self.counts[best] += 1;
        }

        for j in 0..k {
            if self.counts[j] > 0 {
                continue;
            }
            // Take the farthest row from a cluster that keeps at least one row.
            let mut far: Option<usize> = None;
            for i in 0..data.rows {
                let far_d = far.map_or(0.0, |f| self.dist2[f]);
                if self.dist2[i] > far_d && self.counts[self.assignment[i] as usize] > 1 {
                    far = Some(i);
                }
            }
            if let Some(i) = far {
                self.counts[self.assignment[i] as usize] -= 1;
                self.counts[j] = 1;
                self.assignment[i] = j as u16;
                self.dist2[i] = 0.0;
                self.centroids[j * cols..(j + 1) * cols].copy_from_slice(data.row(i));
                changed += 1;
            }
        }
        self.iter += 1;
        self.converged = changed == 0;
        self.is_done()
    }

    /// Steps until done, then finishes.
    pub fn run(mut self, data: &Matrix) -> Clustering {
        while !self.step(data) {}
        self.finish()
    }

    /// The clustering as it stands (after any number of steps, even none).
    pub fn finish(self) -> Clustering {
        let mut sizes = vec![0; self.k];
        for &a in &self.assignment {
            sizes[a as usize] += 1;
        }
        Clustering {
            k: self.k,
            inertia: self.dist2.iter().sum(),
            centroids: Matrix {
                rows: self.k,
                cols: self.cols,
                data: self.centroids,
            },
            assignment: self.assignment,
            sizes,
        }
    }

    pub fn k(&self) -> usize {
        self.k
    }

    pub fn iterations(&self) -> usize {
        self.iter
    }

    /// True once a step changed no assignment.
    pub fn converged(&self) -> bool {
        self.converged
    }

    pub fn is_done(&self) -> bool {
        self.converged || self.iter >= MAX_ITER
    }
}

/// D² sampling: a row with probability proportional to its squared distance to the
/// nearest seed; None when every row sits on a seed.
fn sample_d2(d2: &[f64], rng: &mut ChaCha8Rng) -> Option<usize> {
    let total: f64 = d2.iter().sum();
    if !(total > 0.0 && total.is_finite()) {
        return None;
    }
    let target = rng.random::<f64>() * total;
    let (mut acc, mut pick) = (0.0, None);
    for (i, &d) in d2.iter().enumerate().filter(|(_, &d)| d > 0.0) {
        pick = Some(i);
        acc += d;
        if acc > target {
            break;
        }
    }
    pick
}

/// The result of [`KMeans`]: `k` clusters (0 for empty data), a label per row, centroids
/// in standardised space, rows per cluster and the sum of squared distances to centroids.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Clustering {
    pub k: usize,
    pub assignment: Vec<u16>,
    pub centroids: Matrix,
    pub sizes: Vec<usize>,
    pub inertia: f64,
}

/// Mean silhouette over a deterministic sample of at most `sample` rows (all rows when
/// fewer), using exact distances between the sampled rows. In [-1, 1]; 0 when `k < 2`.
/// A row alone in its cluster within the sample scores 0.
pub fn silhouette(data: &Matrix, c: &Clustering, sample: usize, seed: u64) -> f64 {
    let n = data.rows.min(c.assignment.len());
    if c.k < 2 || n < 2 || sample < 2 {
        return 0.0;
    }
    let idx: Vec<usize> = if n <= sample {
        (0..n).collect()
    } else {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut v = rand::seq::index::sample(&mut rng, n, sample).into_vec();
        v.sort_unstable();
        v
    };
    let (s, k) = (idx.len(), c.k);
    let label = |a: usize| c.assignment[idx[a]] as usize;
    let mut count = vec![0usize; k];
    for a in 0..s {
        count[label(a)] += 1;
    }
    // sums[a * k + j]: total distance from sampled row a to the sampled rows of cluster j.
    let mut sums = vec![0.0; s * k];
    for a in 0..s {
        let ra = data.row(idx[a]);
        for b in a + 1..s {
            let d = dist2(ra, data.row(idx[b])).sqrt();
            sums[a * k + label(b)] += d;
            sums[b * k + label(a)] += d;
        }
    }
    let mut total = 0.0;
    for a in 0..s {
        let own = label(a);
        if count[own] < 2 {
            continue;
        }
        let within = sums[a * k + own] / (count[own] - 1) as f64;
        let nearest = (0..k)
            .filter(|&j| j != own && count[j] > 0)
            .map(|j| sums[a * k + j] / count[j] as f64)
            .fold(f64::INFINITY, f64::min);
        let denom = within.max(nearest);
        if nearest.is_finite() && denom > 0.0 {
            total += (nearest - within) / denom;
        }
    }
    (total / s as f64).clamp(-1.0, 1.0)
}

/// Clusters with every k in `ks` and returns the best by silhouette (ties: the smaller
/// k) with every (k, score) tried. Stops early once k exceeds the distinct points; an
/// empty range gives a single cluster. Runs to the end: a page should drive [`KMeans`].
pub fn choose_k(
    data: &Matrix,
    ks: RangeInclusive<usize>,
    seed: u64,
    sample: usize,
) -> (Clustering, Vec<(usize, f64)>) {
    let mut best: Option<(Clustering, f64)> = None;
    let mut scores = Vec::new();
    for k in ks {
        let c = KMeans::new(data, k, seed).run(data);
        let s = silhouette(data, &c, sample, seed);
        scores.push((k, s));
        let fewer = c.k < k;
        if best.as_ref().is_none_or(|(_, b)| s > *b) {
            best = Some((c, s));
        }
        if fewer {
            break;
        }
    }
    let best = best.map_or_else(|| KMeans::new(data, 1, seed).run(data), |(c, _)| c);
    (best, scores)
}

/// How far a standardised feature is from the average: |z| ≥ 1 is "very".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    VeryLow,
    Low,
    High,
    VeryHigh,
}

/// Words for a centroid: the features furthest from the average as (column, level),
/// strongest first (ties: lower column), at most `max`, only those with |z| ≥ 0.5.
pub fn describe(centroid: &[f64], max: usize) -> Vec<(usize, Level)> {
    let mut strong: Vec<(usize, f64)> = centroid
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, z)| z.abs() >= 0.5)
        .collect();
    strong.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
    let level = |z: f64| match z {
        z if z <= -1.0 => Level::VeryLow,
        z if z < 0.0 => Level::Low,
        z if z < 1.0 => Level::High,
        _ => Level::VeryHigh,
    };
    strong
        .into_iter()
        .take(max)
        .map(|(c, z)| (c, level(z)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rand::Rng;

    const THREE: [(f64, f64); 3] = [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)];

    /// `per` points uniformly within ±1 of each centre, and each point's true blob.
    fn blobs(centres: &[(f64, f64)], per: usize, seed: u64) -> (Matrix, Vec<usize>) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let (mut m, mut truth) = (Matrix::new(2), Vec::new());
        for _ in 0..per {
            for (b, &(x, y)) in centres.iter().enumerate() {
                m.push_row(&[
                    x + rng.random_range(-1.0..1.0),
                    y + rng.random_range(-1.0..1.0),
                ]);
                truth.push(b);
            }
        }
        (m, truth)
    }

    fn uniform(rows: usize, cols: usize, seed: u64) -> Matrix {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut m = Matrix::new(cols);
        for _ in 0..rows {
            let row: Vec<f64> = (0..cols).map(|_| rng.random_range(0.0..1.0)).collect();
            m.push_row(&row);
        }
        m
    }

    /// Consistent shape, sizes and inertia; with `nearest`, each row at its nearest centroid.
    fn check(data: &Matrix, c: &Clustering, nearest: bool) {
        assert_eq!(
            (c.assignment.len(), c.sizes.len(), c.centroids.rows),
            (data.rows, c.k, c.k)
        );
        assert_eq!(c.sizes.iter().sum::<usize>(), data.rows);
        let mut inertia = 0.0;
        for (i, &a) in c.assignment.iter().enumerate() {
            assert!((a as usize) < c.k);
            let own = dist2(data.row(i), c.centroids.row(a as usize));
            inertia += own;
            for j in 0..c.k {
                assert!(
                    !nearest || own <= dist2(data.row(i), c.centroids.row(j)) + 1e-9,
                    "row {i}"
                );
            }
        }
        assert!((inertia - c.inertia).abs() <= 1e-9 * (1.0 + inertia));
    }

    fn same_partition(a: &[u16], truth: &[usize]) -> bool {
        (0..a.len()).all(|i| (0..a.len()).all(|j| (a[i] == a[j]) == (truth[i] == truth[j])))
    }

    #[test]
    fn three_blobs_recovered() {
        let (m, truth) = blobs(&THREE, 30, 1);
        for seed in 0..10 {
            let c = KMeans::new(&m, 3, seed).run(&m);
            check(&m, &c, true);
            assert!(
                c.k == 3 && same_partition(&c.assignment, &truth),
                "seed {seed}"
            );
        }
    }

    #[test]
    fn choose_k_picks_three() {
        let (m, truth) = blobs(&THREE, 30, 2);
        let (c, scores) = choose_k(&m, 2..=6, 7, 1000);
        assert_eq!(c.k, 3);
        assert!(same_partition(&c.assignment, &truth));
        assert_eq!(
            scores.iter().map(|s| s.0).collect::<Vec<_>>(),
            vec![2, 3, 4, 5, 6]
        );
    }

    #[test]
    fn same_seed_same_result_other_seed_valid() {
        let m = uniform(300, 3, 3);
        let a = KMeans::new(&m, 5, 1).run(&m);
        assert_eq!(a, KMeans::new(&m, 5, 1).run(&m));
        let b = KMeans::new(&m, 5, 2).run(&m);
        check(&m, &a, true);
        check(&m, &b, true);
        assert_eq!(b.k, 5);
    }

    #[test]
    fn converged_points_are_nearest() {
        let m = uniform(500, 3, 4);
        let mut km = KMeans::new(&m, 6, 9);
        while !km.step(&m) {}
        assert!(km.converged() && km.iterations() < MAX_ITER);
        check(&m, &km.finish(), true);
    }

    #[test]
    fn standardise_mean_zero_sd_one_constant_zero() {
        let mut m = Matrix::new(4);
        for i in 0..50 {
            let i = i as f64;
            m.push_row(&[i, (i * 0.7).sin() * 1e6, 5.0, 0.1]);
        }
        let before = m.clone();
        let scale = standardise(&mut m);
        for c in 0..2 {
            let col: Vec<f64> = (0..50).map(|r| m.row(r)[c]).collect();
            let mean = col.iter().sum::<f64>() / 50.0;
            let sd = (col.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 50.0).sqrt();
            assert!(mean.abs() < 1e-12 && (sd - 1.0).abs() < 1e-12, "column {c}");
        }
        assert!((0..50).all(|r| m.row(r)[2] == 0.0 && m.row(r)[3] == 0.0));
        assert_eq!(
            (scale.sds[2], scale.sds[3], scale.means[2]),
            (0.0, 0.0, 5.0)
        );
        for (r, x) in scale.original(m.row(7)).iter().zip(before.row(7)) {
            assert!((r - x).abs() < 1e-6);
        }
    }

    #[test]
    fn identical_points_do_not_panic() {
        let mut m = Matrix::new(2);
        (0..10).for_each(|_| m.push_row(&[1.0, 2.0]));
        let c = KMeans::new(&m, 4, 0).run(&m);
        assert_eq!((c.k, c.sizes.clone(), c.inertia), (1, vec![10], 0.0));
        assert_eq!(silhouette(&m, &c, 100, 0), 0.0);
        assert_eq!(choose_k(&m, 2..=6, 0, 100).0.k, 1);
        m.push_row(&[3.0, 2.0]);
        let c = KMeans::new(&m, 4, 0).run(&m);
        check(&m, &c, true);
        assert_eq!(c.k, 2);
    }

    #[test]
    fn empty_and_single_row() {
        let mut m = Matrix::new(3);
        assert_eq!(standardise(&mut m).means, vec![0.0; 3]);
        let c = KMeans::new(&m, 3, 0).run(&m);
        assert_eq!((c.k, c.assignment.len(), c.inertia), (0, 0, 0.0));
        assert_eq!(silhouette(&m, &c, 100, 0), 0.0);
        assert_eq!(choose_k(&m, 2..=4, 0, 100).0.k, 0);
        m.push_row(&[1.0, 2.0, 3.0]);
        let c = KMeans::new(&m, 3, 0).run(&m);
        check(&m, &c, true);
        assert_eq!((c.k, c.centroids.row(0)), (1, &[1.0, 2.0, 3.0][..]));
        assert_eq!(choose_k(&m, RangeInclusive::new(5, 4), 0, 100).1, vec![]);
    }

    #[test]
    fn empty_cluster_is_reseeded() {
        let (m, truth) = blobs(&[(0.0, 0.0), (10.0, 0.0)], 10, 5);
        let mut km = KMeans::new(&m, 2, 0);
        // Everyone in cluster 0 and centroid 1 far away: cluster 1 comes back empty
        // and takes the row farthest from the overall mean.
        km.assignment.fill(0);
        km.centroids[2..].fill(1e6);
        let mean = [0, 1].map(|c| (0..20).map(|r| m.row(r)[c]).sum::<f64>() / 20.0);
        let far =
            (0..20).max_by(|&a, &b| dist2(m.row(a), &mean).total_cmp(&dist2(m.row(b), &mean)));
        km.step(&m);
        assert_eq!((km.counts[1], &km.centroids[2..]), (1, m.row(far.unwrap())));
        let c = km.run(&m);
        check(&m, &c, true);
        assert!(same_partition(&c.assignment, &truth));
    }

    #[test]
    fn describe_hand_made_centroid() {
        let z = [0.2, -1.5, 0.7, -0.6, 2.0, 0.49, -1.0];
        use Level::*;
        let all = vec![
            (4, VeryHigh),
            (1, VeryLow),
            (6, VeryLow),
            (2, High),
            (3, Low),
        ];
        assert_eq!(describe(&z, 10), all);
        assert_eq!(describe(&z, 2), all[..2]);
        assert!(describe(&[0.1, -0.3], 3).is_empty());
    }

    #[test]
    fn silhouette_separated_beats_split_blob() {
        let (m, _) = blobs(&THREE, 40, 6);
        let c = KMeans::new(&m, 3, 0).run(&m);
        let full = silhouette(&m, &c, 1000, 0);
        assert!(full > 0.7, "{full}");
        let sampled = silhouette(&m, &c, 50, 3);
        assert!(sampled > 0.7 && sampled == silhouette(&m, &c, 50, 3));
        let (one, _) = blobs(&[(0.0, 0.0)], 120, 7);
        let split = KMeans::new(&one, 2, 0).run(&one);
        assert!(silhouette(&one, &split, 1000, 0) < full - 0.2);
        let whole = KMeans::new(&one, 1, 0).run(&one);
        assert_eq!(silhouette(&one, &whole, 1000, 0), 0.0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn random_data_gives_valid_clusterings(
            cols in 1usize..4,
            values in prop::collection::vec(-3i8..=3, 0..90),
            k in 1usize..7,
            seed in any::<u64>(),
        ) {
            let mut m = Matrix::new(cols);
            for row in values.chunks_exact(cols) {
                m.push_row(&row.iter().map(|&v| v as f64).collect::<Vec<_>>());
            }
            let mut km = KMeans::new(&m, k, seed);
            while !km.step(&m) {}
            let converged = km.converged();
            let c = km.finish();
            check(&m, &c, converged);
            prop_assert!(c.k <= k && (c.k > 0 || m.rows == 0));
            let s = silhouette(&m, &c, 40, seed);
            prop_assert!((-1.0..=1.0).contains(&s));
        }
    }
}
