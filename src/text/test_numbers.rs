//! A small deterministic number sequence for the crate's unit tests (a 64-bit linear
//! congruential generator, Knuth's MMIX constants), so that tests over many generated inputs
//! need no random crate and give the same inputs on every run.

/// The sequence's state; each call steps it once.
pub struct TestNumbers {
    state: u64,
}

impl TestNumbers {
    /// The sequence that starts from `seed`.
    pub fn new(seed: u64) -> Self {
        TestNumbers { state: seed }
    }

    fn step(&mut self) -> u64 {
        self.state = self
            .state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.state
    }

    /// A number below `below` (from the state's high bits, the generator's best).
    pub fn below(&mut self, below: u64) -> u64 {
        (self.step() >> 33) % below
    }

    /// A number over the whole 64-bit range (the state with its high bits folded into the
    /// low ones, which a linear congruential generator leaves weak).
    pub fn any(&mut self) -> u64 {
        let state = self.step();
        state ^ (state >> 29)
    }
}
