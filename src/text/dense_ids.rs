//! Dense ids for already-mixed 64-bit keys (word hashes): 0, 1, 2, ... in the order the keys
//! are first met, so that whatever a room keeps per key lives in plain vectors indexed by the
//! id. The cleaner's paragraph cohesion and the story summary's term counts each look up
//! every word of an article here, and the quote finder's table of words keeps each word's
//! entry here (its key beside what it knows of the word, [`Keyed`]); a general hash map (its
//! groups of tags, its probing sequence, its entry handling) spent more instructions on the
//! same lookups in each of them.

/// Slots in the smallest table: room for a short article's words without growing.
const MIN_SLOTS: usize = 16;

/// An entry of a [`DenseIds`] table: whatever is kept per key, the key among it.
pub trait Keyed {
    /// The entry's 64-bit key (already mixed, see [`DenseIds`]); it must not change while
    /// the entry is in a table.
    fn key(&self) -> u64;
}

impl Keyed for u64 {
    /// A bare key is its own entry.
    #[inline(always)]
    fn key(&self) -> u64 {
        *self
    }
}

/// Dense ids of 64-bit keys, in the order first met: an open-addressing table probed
/// linearly from the key's low bits, at most half full, a power of two of slots, doubled and
/// filled again when it would be more than half full.
///
/// The keys must be mixed already (their low bits depend on every bit of what they stand
/// for, as [`word_hash`](super::word_hash)'s do): the slot is the key's low bits, with no
/// further hashing. Other keys (small numbers, multiples of the slot count) are still given
/// correct ids, only through longer probes.
///
/// Each slot holds 4 bytes, the id plus one (0 for a free slot); the entries (by default
/// the bare keys, or whatever a user keeps per key with the key among it, [`Keyed`]) sit in
/// one dense list in id order, where a probe reads their keys, and which the story summary
/// walks. The slot array is a quarter of the size of one that holds the key beside the id
/// (8 bytes, padded to 16), so more of it stays in cache and less of it is cleared per
/// article. Measured with both layouts under callgrind on the benchmark corpus, the 16-byte
/// slots cost more instructions in each of the three users, and no less time.
#[derive(Debug, Clone)]
pub struct DenseIds<T: Keyed = u64> {
    /// Per slot, the id plus one of the key whose probe ends there; 0 for a free slot. A
    /// power of two of slots, at least [`MIN_SLOTS`], at least twice the keys.
    slots: Vec<u32>,
    /// The entries, by id.
    entries: Vec<T>,
}

impl<T: Keyed + Copy> Default for DenseIds<T> {
    /// An empty table of the smallest size.
    fn default() -> Self {
        Self::with_room_for_in(0, Vec::new())
    }
}

impl DenseIds {
    /// An empty table with room for `keys` distinct keys before it grows.
    pub fn with_room_for(keys: usize) -> DenseIds {
        DenseIds {
            slots: vec![0; slot_count(keys)],
            entries: Vec::with_capacity(keys),
        }
    }

    /// The id of `key`, and whether it was given now (the key was not met before).
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    pub fn id_of(&mut self, key: u64) -> (u32, bool) {
        let (id, new, _) = self.entry_or_enter(key, || key);
        (id, new)
    }

    /// The keys met so far, by id (the first met first; their count is the next id).
    pub fn keys(&self) -> &[u64] {
        &self.entries
    }
}

/// The slots of a table with room for `keys` keys: a power of two, at least
/// [`MIN_SLOTS`], at least twice the keys.
fn slot_count(keys: usize) -> usize {
    keys.saturating_mul(2).next_power_of_two().max(MIN_SLOTS)
}

impl<T: Keyed + Copy> DenseIds<T> {
    /// An empty table with room for `keys` distinct keys before it grows, its entries kept
    /// in `spare` (emptied first), the list of an earlier table
    /// ([`into_spare`](Self::into_spare)).
    pub fn with_room_for_in(keys: usize, mut spare: Vec<T>) -> Self {
        spare.clear();
        spare.reserve(keys);
        DenseIds {
            slots: vec![0; slot_count(keys)],
            entries: spare,
        }
    }

    /// The table's list of entries, emptied by the next table made with it.
    pub fn into_spare(self) -> Vec<T> {
        self.entries
    }

    /// The id of `key`, whether it was given now (the key was not met before), and the
    /// key's entry: the one `new` makes then (its key must be `key`), else the one kept.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    pub fn entry_or_enter(&mut self, key: u64, new: impl FnOnce() -> T) -> (u32, bool, T) {
        let slot = match self.probe(key) {
            Ok(id) => return (id, false, self.entries[id as usize]),
            Err(free) => free,
        };
        // More keys than 32 bits count cannot fit in memory beside their slots: the id
        // saturates rather than wraps.
        let id = u32::try_from(self.entries.len()).unwrap_or(u32::MAX - 1);
        let entry = new();
        debug_assert_eq!(entry.key(), key, "an entry keeps the key it is entered by");
        self.entries.push(entry);
        self.slots[slot] = id + 1;
        // At most half full again before the next key comes, so that every probe meets a
        // free slot (and only a new key pays for this test).
        if 2 * self.entries.len() > self.slots.len() {
            self.grow();
        }
        (id, true, entry)
    }

    /// The id of `key`, if it was met.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn find(&self, key: u64) -> Option<u32> {
        self.probe(key).ok()
    }

    /// The entries met so far, by id.
    pub fn entries(&self) -> &[T] {
        &self.entries
    }

    /// The entry of id `id`, to change what it keeps beside its key (which must stay).
    pub fn entry_mut(&mut self, id: u32) -> Option<&mut T> {
        self.entries.get_mut(id as usize)
    }

    /// The id of `key` when it was met, else the free slot where its probe ends (at most
    /// half the slots are full: the probe always meets one).
    #[inline(always)]
    fn probe(&self, key: u64) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut slot = key as usize & mask;
        loop {
            let place = self.slots[slot];
            if place == 0 {
                return Err(slot);
            }
            let id = place - 1;
            if self.entries[id as usize].key() == key {
                return Ok(id);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Twice the slots, every key's id put back in them.
    #[cold]
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        // A new zeroed vector rather than clearing this one: the allocator may hand over
        // memory known to be zero and skip the clearing.
        self.slots = vec![0; size];
        let mask = size - 1;
        for (id, entry) in self.entries.iter().enumerate() {
            let mut slot = entry.key() as usize & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            // Ids fit in u32 (see `entry_or_enter`).
            self.slots[slot] = id as u32 + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Checks every key of `keys` against a map that numbers keys in the order first met,
    /// in tables made with room for 0, a few and many keys (the first two grow, several
    /// times).
    fn numbers_as_a_map_does(keys: &[u64]) {
        for room in [0, 5, 10_000] {
            let mut ids = DenseIds::with_room_for(room);
            let mut expected: HashMap<u64, u32> = HashMap::new();
            let mut first_met = Vec::new();
            for &key in keys {
                let next = expected.len() as u32;
                let want = *expected.entry(key).or_insert_with(|| {
                    first_met.push(key);
                    next
                });
                assert_eq!(ids.id_of(key), (want, want == next), "{key:#x} in {room}");
                assert_eq!(ids.find(key), Some(want), "{key:#x} in {room}");
            }
            assert_eq!(ids.keys().len(), expected.len());
            assert_eq!(ids.keys(), first_met.as_slice());
            for (&key, &id) in &expected {
                assert_eq!(ids.find(key), Some(id));
            }
        }
    }

    #[test]
    fn ids_follow_the_order_keys_are_first_met() {
        // Mixed keys, each met several times, in a changing order.
        let keys: Vec<u64> = (0..2_000u64)
            .map(|n| (n % 700).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5555)
            .collect();
        numbers_as_a_map_does(&keys);
    }

    #[test]
    fn colliding_keys_get_their_own_ids() {
        // Small values (neighbouring slots, long runs), keys differing only in their high
        // bits (all in slot 0), multiples of the slot counts the table passes through (the
        // same slot at every size), key 0 (the value of a free slot's id) and the largest key.
        let mut keys: Vec<u64> = (0..100u64).collect();
        keys.extend((1..300u64).map(|n| n << 40));
        keys.extend((1..300u64).map(|n| n * 16));
        keys.extend((1..100u64).map(|n| n * 1024));
        keys.extend([0, u64::MAX, 1 << 63, 0, 5 << 40, 7]);
        numbers_as_a_map_does(&keys);
        let mut reversed = keys.clone();
        reversed.reverse();
        numbers_as_a_map_does(&reversed);
    }

    #[test]
    fn an_empty_table_finds_nothing_and_grows_from_the_smallest_size() {
        let mut ids = DenseIds::default();
        assert!(ids.keys().is_empty());
        assert_eq!(ids.find(0), None);
        assert_eq!(ids.id_of(0), (0, true));
        assert_eq!(ids.id_of(16), (1, true));
        assert_eq!(ids.id_of(0), (0, false));
        assert_eq!(ids.find(32), None);
        assert_eq!(ids.keys(), [0, 16]);
        assert_eq!(DenseIds::with_room_for(3).find(7), None);
    }
}
