//! A tiny seeded random generator: the demo must give the same journal for the same seed on
//! every machine and every Rapport version, which no external generator promises.

/// splitmix64: a few arithmetic steps per number, well mixed, and trivially reproducible.
#[derive(Debug, Clone)]
pub(super) struct Rng {
    state: u64,
}

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    /// An independent stream for one part of the demo (one person, the ids, the weekly
    /// reflections), so that what one part draws never shifts what another part gets.
    pub(super) fn stream(seed: u64, stream: u64) -> Rng {
        let mut mixer = Rng::new(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        Rng::new(mixer.next_u64())
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0), without the bias of a plain modulo.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A whole number from `low` to `high`, both included; `low` when the range is empty.
    pub(super) fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        low + self.below(high.abs_diff(low) + 1) as i64
    }

    /// A fraction in `[0, 1)`.
    pub(super) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(super) fn chance(&mut self, odds: f64) -> bool {
        self.unit() < odds
    }

    /// A small wobble around zero, more often near zero than at the edges (`±1.5 × spread`).
    pub(super) fn wobble(&mut self, spread: f64) -> f64 {
        (self.unit() + self.unit() + self.unit() - 1.5) * spread
    }

    /// One item of a list the demo itself defines (never empty).
    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        debug_assert!(
            !items.is_empty(),
            "the demo only picks from non-empty lists"
        );
        items[self.below(items.len() as u64) as usize]
    }

    /// An index chosen with the given weights (all zero weights pick the first).
    pub(super) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut ticket = self.below(total);
        for (index, &weight) in weights.iter().enumerate() {
            if ticket < u64::from(weight) {
                return index;
            }
            ticket -= u64::from(weight);
        }
        0
    }

    pub(super) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }

    /// The random part of a UUID.
    pub(super) fn bytes(&mut self) -> [u8; 10] {
        let high = self.next_u64().to_le_bytes();
        let low = self.next_u64().to_le_bytes();
        let mut out = [0; 10];
        out[..8].copy_from_slice(&high);
        out[8..].copy_from_slice(&low[..2]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_numbers_and_streams_differ() {
        let first: Vec<u64> = (0..4).map(|_| Rng::new(7).next_u64()).collect();
        assert!(first.windows(2).all(|w| w[0] == w[1]));
        let mut a = Rng::stream(7, 1);
        let mut b = Rng::stream(7, 2);
        assert_ne!(a.next_u64(), b.next_u64());
    }

    #[test]
    fn ranges_stay_inside() {
        let mut rng = Rng::new(3);
        for _ in 0..1000 {
            let n = rng.between(-2, 5);
            assert!((-2..=5).contains(&n));
            assert!(rng.unit() < 1.0);
            assert!(rng.wobble(1.0).abs() <= 1.5);
        }
        assert_eq!(rng.between(4, 4), 4);
        assert_eq!(rng.between(9, 1), 9);
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.weighted(&[0, 0]), 0);
    }
}
