//! The small index types analysis refers to things by.
//!
//! Analysis decides in ids and writers word at the edge: a flag names the
//! vendors it concerns as [`VendorId`]s, not as strings, so that the same
//! analysis can be printed with the real names, for one vendor's own eyes
//! (its dossier) or under blind labels, and in either language. None of these
//! types is `Serialize`: an id reaches a report only through a roster that
//! turns it into a name.

/// Defines an index type over a `Vec` of the inputs.
macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(u32);

        impl $name {
            /// The id of position `index`.
            ///
            /// # Panics
            /// When `index` does not fit in 32 bits: no consortium has four
            /// billion vendors, requirements or towns.
            pub fn new(index: usize) -> Self {
                Self(u32::try_from(index).expect(concat!(stringify!($name), " out of range")))
            }

            /// The position it stands for.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// A vendor: its position in `Inputs::vendors` (the order the responses were given).
    VendorId
);
index_type!(
    /// A requirement: its position in `Inputs::requirements` (matrix order).
    ReqIx
);
index_type!(
    /// A member town: its position in `MemberRequests::members`.
    MemberId
);
index_type!(
    /// An evaluation item of the committee's criteria: its position in `CommitteeInputs::criteria`.
    ItemIx
);
index_type!(
    /// An evaluator (評価委員): its position in `CommitteeInputs::evaluators` (file-name order).
    EvaluatorId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_its_index() {
        assert_eq!(VendorId::new(3).index(), 3);
        assert_eq!(ReqIx::new(199_999).index(), 199_999);
        assert!(MemberId::new(1) < MemberId::new(2));
    }
}
