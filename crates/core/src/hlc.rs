//! Hybrid logical clocks: every field change carries a stamp that orders changes made on
//! different devices, even with skewed wall clocks, so that merges pick the same winner
//! everywhere (last writer wins per field).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A device's identity: random, chosen once per browser profile.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct DeviceId(pub u64);

impl fmt::Debug for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// A stamp: wall time (ms), a counter for events within the same ms, and the device.
/// Ordered by (time, counter, device): two stamps from different devices never tie.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Debug, Default,
)]
pub struct Hlc {
    pub millis: i64,
    pub counter: u32,
    pub device: DeviceId,
}

/// How far ahead of the local wall clock a remote stamp may be before it is refused:
/// a file from a device whose clock is a day fast must not freeze local edits.
pub const MAX_DRIFT_MS: i64 = 24 * 3_600_000;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClockError {
    #[error("a stamp is {ahead_ms} ms ahead of this device's clock (more than a day): check the date and time of the device that made it")]
    TooFarAhead { ahead_ms: i64 },
    #[error("the clock counter overflowed")]
    CounterOverflow,
}

/// A device's clock. `now` is always passed in: the core never reads the time itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Clock {
    last: Hlc,
}

impl Clock {
    pub fn new(device: DeviceId) -> Clock {
        Clock {
            last: Hlc {
                millis: 0,
                counter: 0,
                device,
            },
        }
    }

    /// Restores a clock persisted earlier (its last stamp).
    pub fn resume(last: Hlc) -> Clock {
        Clock { last }
    }

    pub fn device(&self) -> DeviceId {
        self.last.device
    }

    pub fn last(&self) -> Hlc {
        self.last
    }

    /// A new stamp for a local event, strictly greater than every stamp seen so far.
    pub fn tick(&mut self, now_ms: i64) -> Hlc {
        if now_ms > self.last.millis {
            self.last.millis = now_ms;
            self.last.counter = 0;
        } else {
            // Wall clock went backwards or same ms: keep logical time moving.
            self.last.counter = self.last.counter.checked_add(1).unwrap_or_else(|| {
                self.last.millis += 1;
                0
            });
        }
        self.last
    }

    /// Takes a remote stamp into account, so later local stamps come after it.
    pub fn observe(&mut self, remote: Hlc, now_ms: i64) -> Result<(), ClockError> {
        if remote.millis - now_ms > MAX_DRIFT_MS {
            return Err(ClockError::TooFarAhead {
                ahead_ms: remote.millis - now_ms,
            });
        }
        let device = self.last.device;
        let top = now_ms.max(self.last.millis).max(remote.millis);
        let counter = if top == self.last.millis && top == remote.millis {
            self.last.counter.max(remote.counter).checked_add(1)
        } else if top == self.last.millis {
            self.last.counter.checked_add(1)
        } else if top == remote.millis {
            remote.counter.checked_add(1)
        } else {
            Some(0)
        };
        let counter = counter.ok_or(ClockError::CounterOverflow)?;
        self.last = Hlc {
            millis: top,
            counter,
            device,
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ticks_are_strictly_increasing_even_when_wall_clock_goes_back() {
        let mut c = Clock::new(DeviceId(1));
        let a = c.tick(1000);
        let b = c.tick(1000);
        let d = c.tick(500);
        let e = c.tick(2000);
        assert!(a < b && b < d && d < e);
        assert_eq!(
            e,
            Hlc {
                millis: 2000,
                counter: 0,
                device: DeviceId(1)
            }
        );
    }

    #[test]
    fn observe_moves_past_remote_stamps() {
        let mut c = Clock::new(DeviceId(1));
        let remote = Hlc {
            millis: 5000,
            counter: 7,
            device: DeviceId(2),
        };
        c.observe(remote, 1000).unwrap();
        let next = c.tick(1000);
        assert!(next > remote);
        assert_eq!(next.device, DeviceId(1));
    }

    #[test]
    fn observe_refuses_stamps_from_far_future() {
        let mut c = Clock::new(DeviceId(1));
        let remote = Hlc {
            millis: 10 + MAX_DRIFT_MS + 1,
            counter: 0,
            device: DeviceId(2),
        };
        assert!(matches!(
            c.observe(remote, 10),
            Err(ClockError::TooFarAhead { .. })
        ));
        assert_eq!(
            c.last().millis,
            0,
            "a refused stamp leaves the clock as it was"
        );
    }

    proptest! {
        #[test]
        fn any_mix_of_ticks_and_observes_is_monotonic(
            events in prop::collection::vec((any::<bool>(), 0i64..10_000, 0u32..5, 2u64..5), 1..200)
        ) {
            let mut c = Clock::new(DeviceId(1));
            let mut prev = c.last();
            for (is_tick, t, counter, dev) in events {
                if is_tick {
                    let s = c.tick(t);
                    prop_assert!(s > prev);
                    prev = s;
                } else {
                    let remote = Hlc { millis: t, counter, device: DeviceId(dev) };
                    c.observe(remote, t).unwrap();
                    prop_assert!(c.last() > remote);
                    prop_assert!(c.last() > prev);
                    prev = c.last();
                }
            }
        }
    }
}
