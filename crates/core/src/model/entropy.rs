//! Where randomness comes from. The core never reaches for it itself: the host passes an
//! [`Entropy`], the operating system's (or the browser's `crypto.getRandomValues`) in production
//! and a seeded one in tests, so that a failing random test can be replayed.

/// A source of random bytes.
pub trait Entropy {
    fn fill(&mut self, bytes: &mut [u8]);
}

/// The platform's cryptographic RNG, through getrandom (with its `wasm_js` backend in the page).
#[derive(Clone, Copy, Debug, Default)]
pub struct OsEntropy;

impl Entropy for OsEntropy {
    fn fill(&mut self, bytes: &mut [u8]) {
        // getrandom only fails where the platform has no RNG at all; there the portal can't
        // make a secret safely, and stopping is the only honest answer.
        getrandom::fill(bytes).expect("the platform's cryptographic RNG is unavailable");
    }
}

/// A deterministic stream (SplitMix64) for tests and demo data: the same seed gives the same IDs.
/// Never for secrets that leave a test.
#[derive(Clone, Debug)]
pub struct SeededEntropy(u64);

impl SeededEntropy {
    pub fn new(seed: u64) -> SeededEntropy {
        SeededEntropy(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl Entropy for SeededEntropy {
    fn fill(&mut self, bytes: &mut [u8]) {
        for chunk in bytes.chunks_mut(8) {
            let word = self.next().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
    }
}

/// A random v4 UUID.
pub fn uuid(entropy: &mut dyn Entropy) -> String {
    let mut bytes = [0u8; 16];
    entropy.fill(&mut bytes);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// A uniformly random index below `n` (n > 0), without modulo bias.
pub fn below(entropy: &mut dyn Entropy, n: u32) -> u32 {
    let zone = u32::MAX - (u32::MAX % n);
    loop {
        let mut bytes = [0u8; 4];
        entropy.fill(&mut bytes);
        let x = u32::from_le_bytes(bytes);
        if x < zone {
            return x % n;
        }
    }
}
