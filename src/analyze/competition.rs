//! Competition (F06, §5.1): which mandatory requirements keep vendors out,
//! and the smallest set whose relaxation lets enough of them back in.
//!
//! The relief set is searched exactly, not greedily: taking first the vendor
//! with the fewest knockouts can miss two vendors that share all of theirs.
//! Any minimal relief set is the union of the knockouts of exactly as many
//! non-compliant vendors as are missing (a larger union could drop vendors
//! without growing), so the search enumerates those vendor sets, depth first,
//! abandoning a branch as soon as its union outgrows the best set found.

use crate::model::{Inputs, KnockoutWhatIf, ReqIx};

use super::score::{ExactSum, Scored, greater, same};

/// A set of mandatory requirements to relax, and what relaxing them does.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Relief {
    /// The requirements in matrix order: every reader (F06, §8.2
    /// `competition` and `relief_sets`) shows them.
    pub requirements: Vec<ReqIx>,
    /// Positions in `Scored::results` of every vendor compliant once relaxed, in order.
    pub vendors: Vec<usize>,
}

/// The exact relief set for reaching `target` compliant vendors; `None` when
/// fewer than `target` vendors take part. Empty when already reached.
pub(crate) fn relief(inputs: &Inputs, scored: &Scored, target: usize) -> Option<Relief> {
    let results = &scored.results;
    if results.len() < target {
        return None;
    }
    let compliant = scored.compliant_count();
    if compliant >= target {
        return Some(Relief {
            requirements: Vec::new(),
            vendors: admitted(scored, &[], true),
        });
    }
    let mut candidates: Vec<usize> = (0..results.len())
        .filter(|&p| !results[p].compliant)
        .collect();
    // Small knockout sets first, so that a small union is found early and prunes the rest.
    candidates.sort_by_key(|&p| (scored.knockouts[p].len(), p));
    let mut search = Search {
        scored,
        candidates: &candidates,
        covered: vec![0; inputs.requirements.len()],
        chosen: Vec::new(),
        size: 0,
        best: None,
    };
    search.descend(0, target - compliant);
    let best = search
        .best
        .expect("enough non-compliant vendors to choose from");
    Some(Relief {
        vendors: admitted(scored, &best.requirements, true),
        requirements: best.requirements.iter().map(|&i| ReqIx::new(i)).collect(),
    })
}

/// Positions of the vendors whose knockouts all lie in `relief` (a sorted list);
/// with `with_compliant`, the already compliant ones too.
fn admitted(scored: &Scored, relief: &[usize], with_compliant: bool) -> Vec<usize> {
    (0..scored.results.len())
        .filter(|&p| {
            let knocked = &scored.knockouts[p];
            if knocked.is_empty() {
                return with_compliant;
            }
            knocked.iter().all(|r| relief.binary_search(r).is_ok())
        })
        .collect()
}

struct Candidate {
    requirements: Vec<usize>,
    /// Combined score of the non-compliant vendors the set admits.
    score: f64,
}

struct Search<'a> {
    scored: &'a Scored,
    candidates: &'a [usize],
    /// How many chosen vendors are knocked out on each requirement.
    covered: Vec<u32>,
    chosen: Vec<usize>,
    /// Requirements covered by the chosen vendors.
    size: usize,
    best: Option<Candidate>,
}

impl Search<'_> {
    fn descend(&mut self, from: usize, needed: usize) {
        if let Some(best) = &self.best
            && self.size > best.requirements.len()
        {
            return;
        }
        if needed == 0 {
            self.consider();
            return;
        }
        for j in from..self.candidates.len() {
            if self.candidates.len() - j < needed {
                break;
            }
            let p = self.candidates[j];
            self.choose(p);
            self.descend(j + 1, needed - 1);
            self.unchoose(p);
        }
    }

    fn choose(&mut self, p: usize) {
        for &r in &self.scored.knockouts[p] {
            self.covered[r] += 1;
            if self.covered[r] == 1 {
                self.size += 1;
            }
        }
        self.chosen.push(p);
    }

    fn unchoose(&mut self, p: usize) {
        for &r in &self.scored.knockouts[p] {
            self.covered[r] -= 1;
            if self.covered[r] == 0 {
                self.size -= 1;
            }
        }
        self.chosen.pop();
    }

    /// Compares the chosen vendors' union with the best so far: smaller first,
    /// then the higher combined score of the vendors it admits, then the IDs
    /// earlier in matrix order.
    fn consider(&mut self) {
        let mut requirements: Vec<usize> = self
            .chosen
            .iter()
            .flat_map(|&p| self.scored.knockouts[p].iter().copied())
            .collect();
        requirements.sort_unstable();
        requirements.dedup();
        let mut score = ExactSum::default();
        for p in admitted(self.scored, &requirements, false) {
            score.add(self.scored.results[p].score);
        }
        let candidate = Candidate {
            requirements,
            score: score.value(),
        };
        let better = match &self.best {
            None => true,
            Some(best) => {
                let (a, b) = (candidate.requirements.len(), best.requirements.len());
                a < b
                    || (a == b && greater(candidate.score, best.score))
                    || (a == b
                        && same(candidate.score, best.score)
                        && candidate.requirements < best.requirements)
            }
        };
        if better {
            self.best = Some(candidate);
        }
    }
}

/// For each mandatory requirement that knocks out at least one vendor (matrix
/// order): those vendors, and how many vendors would be compliant were it
/// alone relaxed.
pub(crate) fn knockout_whatifs(scored: &Scored) -> Vec<KnockoutWhatIf> {
    let compliant = scored.compliant_count();
    scored
        .knocked_out
        .iter()
        .enumerate()
        .filter(|(_, vendors)| !vendors.is_empty())
        .map(|(r, vendors)| KnockoutWhatIf {
            requirement: ReqIx::new(r),
            vendors: vendors.iter().map(|&p| scored.results[p].vendor).collect(),
            compliant_if_relaxed: compliant
                + vendors
                    .iter()
                    .filter(|&&p| scored.knockouts[p].len() == 1)
                    .count(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::analyze::fixture::*;
    use crate::model::{FlagCode, ReqIx};

    fn strings(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    /// The relief sets with their requirement IDs.
    fn sets(a: &Ran) -> Vec<(usize, Option<Vec<&str>>)> {
        (a.relief_sets.iter())
            .map(|(k, set)| (*k, set.as_ref().map(|s| a.ids(s))))
            .collect()
    }

    /// Greedy takes B社 (one knockout) and then needs two more requirements;
    /// C社 and D社 share their two knockouts, so relaxing two is enough.
    #[test]
    fn exact_search_beats_greedy() {
        let a = Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", M, 3.0)
            .req("JR-003", M, 3.0)
            .vendor("A社", "◎◎◎")
            .vendor("B社", "×◎◎")
            .vendor("C社", "◎××")
            .vendor("D社", "◎×_")
            .with(|s| s.min_competitors = 3)
            .run();
        assert_eq!(a.ids(&a.competition.relief), &["JR-002", "JR-003"]);
        let f06 = &flags_of(&a, FlagCode::F06)[0];
        assert_eq!(f06.relief, Some(strings(&["JR-002", "JR-003"])));
        assert_eq!(names(&f06.vendors), vec!["A社", "C社", "D社"]);
    }

    #[test]
    fn ties_go_to_the_higher_combined_score_then_matrix_order() {
        // B社 and C社 each miss one mandatory requirement; C社 scores higher.
        let by_score = Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", M, 3.0)
            .req("JR-003", D, 2.0)
            .vendor("A社", "◎◎◎")
            .vendor("B社", "×◎×")
            .vendor("C社", "◎×◎")
            .run();
        assert_eq!(by_score.ids(&by_score.competition.relief), &["JR-002"]);
        assert_eq!(sets(&by_score)[0], (2, Some(vec!["JR-002"])));
        // Equal scores: the earlier requirement.
        let by_order = Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", M, 3.0)
            .vendor("A社", "◎◎")
            .vendor("B社", "×◎")
            .vendor("C社", "◎×")
            .run();
        assert_eq!(by_order.ids(&by_order.competition.relief), &["JR-001"]);
    }

    /// Matrix order compares the sorted index lists: {1, 4} comes before {2, 3}.
    #[test]
    fn matrix_order_compares_the_sorted_lists() {
        let a = Case::new()
            .req("R-1", M, 1.0)
            .req("R-2", M, 1.0)
            .req("R-3", M, 1.0)
            .req("R-4", M, 1.0)
            .req("R-5", M, 1.0)
            .vendor("A社", "◎◎◎◎◎")
            .vendor("B社", "◎◎××◎")
            .vendor("C社", "◎×◎◎×")
            .run();
        // Both sets have two IDs and admit vendors of equal score (3).
        assert_eq!(a.ids(&a.competition.relief), &["R-2", "R-5"]);
    }

    #[test]
    fn relief_sets_for_two_three_and_four() {
        let a = Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", M, 3.0)
            .req("JR-003", M, 3.0)
            .vendor("A社", "◎◎◎")
            .vendor("B社", "◎◎◎")
            .vendor("C社", "×◎◎")
            .vendor("D社", "××◎")
            .run();
        assert_eq!(
            sets(&a),
            vec![
                (2, Some(vec![])),
                (3, Some(vec!["JR-001"])),
                (4, Some(vec!["JR-001", "JR-002"])),
            ]
        );
        assert!(a.competition.relief.is_empty());
        assert!(flags_of(&a, FlagCode::F06).is_empty());

        let three = Case::new()
            .req("JR-001", M, 3.0)
            .vendor("A社", "×")
            .vendor("B社", "×")
            .vendor("C社", "◎")
            .run();
        assert_eq!(
            sets(&three),
            vec![
                (2, Some(vec!["JR-001"])),
                (3, Some(vec!["JR-001"])),
                (4, None)
            ]
        );
    }

    #[test]
    fn relief_admits_every_vendor_whose_knockouts_it_covers() {
        // Relaxing JR-001 admits both B社 and C社; the combined score decides
        // against D社 even though D社 alone scores higher than B社 or C社.
        let a = Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", M, 3.0)
            .req("JR-003", D, 4.0)
            .req("JR-004", D, 4.0)
            .vendor("A社", "◎◎××")
            .vendor("B社", "×◎◎×")
            .vendor("C社", "×◎×◎")
            .vendor("D社", "◎×◎○")
            .with(|s| s.min_competitors = 2)
            .run();
        assert_eq!(a.ids(&a.competition.relief), &["JR-001"]);
        let f06 = &flags_of(&a, FlagCode::F06)[0];
        assert_eq!(names(&f06.vendors), vec!["A社", "B社", "C社"]);
    }

    /// The slow way: every set of vendors of the needed size.
    fn brute_relief(a: &crate::model::Analysis, target: usize) -> Option<Vec<ReqIx>> {
        let vendors = &a.vendors;
        if vendors.len() < target {
            return None;
        }
        let compliant = vendors.iter().filter(|v| v.compliant).count();
        if compliant >= target {
            return Some(vec![]);
        }
        let outside: Vec<usize> = (0..vendors.len())
            .filter(|&p| !vendors[p].compliant)
            .collect();
        let index = |r: &ReqIx| r.index();
        let mut best: Option<(Vec<usize>, f64)> = None;
        for mask in 0u32..(1 << outside.len()) {
            if mask.count_ones() as usize != target - compliant {
                continue;
            }
            let mut set: Vec<usize> = (0..outside.len())
                .filter(|j| mask & (1 << j) != 0)
                .flat_map(|j| vendors[outside[j]].knockouts.iter().map(index))
                .collect();
            set.sort_unstable();
            set.dedup();
            let score: f64 = outside
                .iter()
                .filter(|&&p| vendors[p].knockouts.iter().all(|k| set.contains(&index(k))))
                .map(|&p| vendors[p].score)
                .sum();
            let better = match &best {
                None => true,
                Some((b, bs)) => {
                    set.len() < b.len()
                        || (set.len() == b.len() && score - bs >= 1e-9)
                        || (set.len() == b.len() && (score - bs).abs() < 1e-9 && set < *b)
                }
            };
            if better {
                best = Some((set, score));
            }
        }
        best.map(|(set, _)| set.into_iter().map(ReqIx::new).collect())
    }

    #[test]
    fn search_agrees_with_every_vendor_set() {
        let mut seed: u64 = 0x1234_5678_9abc_def1;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let codes = ['◎', '○', '△', '×', '_'];
        for _ in 0..300 {
            let requirements = 2 + next(6) as usize;
            let vendor_count = 1 + next(7) as usize;
            let mut case = Case::new();
            let ids: Vec<String> = (0..requirements).map(|i| format!("R-{i}")).collect();
            for id in &ids {
                let priority = if next(4) == 0 { D } else { M };
                case = case.req(id, priority, 1.0 + next(3) as f64);
            }
            for v in 0..vendor_count {
                let answers: String = (0..requirements)
                    .map(|_| codes[if next(3) == 0 { 3 + next(2) } else { next(3) } as usize])
                    .collect();
                case = case.vendor(&format!("V{v}"), &answers);
            }
            let a = case.run();
            for (k, set) in &a.relief_sets {
                assert_eq!(
                    set,
                    &brute_relief(&a, *k),
                    "{k} of {:?}",
                    case.inputs.vendors
                );
            }
        }
    }

    #[test]
    fn knockout_whatifs_count_vendors_freed_by_one_requirement() {
        let a = Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", M, 3.0)
            .req("JR-003", M, 3.0)
            .req("JR-004", D, 2.0)
            .vendor("A社", "◎◎◎×")
            .vendor("B社", "×◎◎◎")
            .vendor("C社", "×_◎◎")
            .vendor("D社", "◎◎?◎")
            .run();
        let got: Vec<(&str, Vec<&str>, usize)> = a
            .knockout_whatifs
            .iter()
            .map(|w| {
                (
                    a.id(w.requirement),
                    a.names(&w.vendors),
                    w.compliant_if_relaxed,
                )
            })
            .collect();
        // Relaxing JR-001 frees B社 only: C社 is also knocked out on JR-002.
        assert_eq!(
            got,
            vec![
                ("JR-001", vec!["B社", "C社"], 2),
                ("JR-002", vec!["C社"], 1),
                ("JR-003", vec!["D社"], 2),
            ]
        );
    }
}
