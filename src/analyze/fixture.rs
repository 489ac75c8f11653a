//! Inputs built in code for the analysis tests.
//!
//! ```text
//! Case::new()
//!     .req("JR-001", M, 3.0)          // requirement rows, matrix order
//!     .req("JR-002", D, 2.0)
//!     .vendor("A社", "◎×")           // one legend code per requirement
//!     .vendor("B社", "△_")           // `_` missing, `?` invalid
//!     .run()
//! ```

use crate::model::{
    Analysis, Answer, Codes, Cost, FlagCode, Inputs, Lang, Level, MemberId, MemberRequests, Place,
    Priority, ReqIx, Requirement, VendorId, VendorResponse,
};

use super::flags::{Say, WordedFlag, worded};
use crate::settings::Settings;

pub(crate) const M: Priority = Priority::Mandatory;
pub(crate) const D: Priority = Priority::Desirable;
pub(crate) const O: Priority = Priority::Optional;

/// A consortium built in code: requirements first, then vendors.
#[derive(Clone, Debug, Default)]
pub(crate) struct Case {
    pub inputs: Inputs,
    pub settings: Settings,
}

impl Case {
    pub fn new() -> Case {
        Case::default()
    }

    /// A requirement in the area 住民記録 without category.
    pub fn req(self, id: &str, priority: Priority, weight: f64) -> Case {
        self.req_in(id, priority, weight, "住民記録", "")
    }

    /// A requirement in an area and category.
    pub fn req_in(
        mut self,
        id: &str,
        priority: Priority,
        weight: f64,
        area: &str,
        category: &str,
    ) -> Case {
        assert!(
            self.inputs.vendors.is_empty(),
            "add requirements before vendors"
        );
        let row = self.inputs.requirements.len() as u32 + 2;
        self.inputs.requirements.push(Requirement {
            id: id.to_string(),
            area: area.to_string(),
            category: category.to_string(),
            text: format!("{id} の証明書を窓口で交付できること"),
            priority,
            weight,
            sheet: area.to_string(),
            row,
        });
        self
    }

    /// Replaces the text of the last requirement.
    pub fn text(mut self, text: &str) -> Case {
        self.inputs
            .requirements
            .last_mut()
            .expect("a requirement")
            .text = text.to_string();
        self
    }

    /// A vendor answering each requirement with one character: ◎ standard,
    /// ○ alternative, △ customization, × unsupported, `_` missing, `?` invalid.
    pub fn vendor(mut self, name: &str, codes: &str) -> Case {
        let mut table = Codes::default();
        let answers: Vec<Answer> = codes
            .chars()
            .enumerate()
            .map(|(i, c)| {
                let level = match c {
                    '◎' => Level::Standard,
                    '○' => Level::Alternative,
                    '△' => Level::Customization,
                    '×' => Level::Unsupported,
                    '_' => Level::Missing,
                    '?' => Level::Invalid,
                    other => panic!("unknown fixture code {other}"),
                };
                Answer {
                    code: table.add(&match level {
                        Level::Missing => String::new(),
                        Level::Invalid => "？".into(),
                        _ => c.to_string(),
                    }),
                    level,
                    at: Some(Place {
                        sheet: std::sync::Arc::new("回答".into()),
                        row: i as u32 + 1,
                        col: 4,
                    }),
                    ..Answer::default()
                }
            })
            .collect();
        assert_eq!(
            answers.len(),
            self.inputs.requirements.len(),
            "one code per requirement"
        );
        self.inputs.vendors.push(VendorResponse {
            name: name.to_string(),
            display_name: None,
            file: format!("{name}.xlsx"),
            answers,
            codes: table,
            copies: Default::default(),
        });
        self
    }

    fn answer_mut(&mut self, vendor: &str, id: &str) -> &mut Answer {
        let i = self.index(id);
        let v = self
            .inputs
            .vendors
            .iter_mut()
            .find(|v| v.name == vendor)
            .expect("a vendor of the case");
        &mut v.answers[i]
    }

    fn index(&self, id: &str) -> usize {
        self.inputs
            .requirements
            .iter()
            .position(|r| r.id == id)
            .expect("a requirement of the case")
    }

    /// Sets a vendor's customization cost on a requirement.
    pub fn cost(mut self, vendor: &str, id: &str, cost: Cost) -> Case {
        self.answer_mut(vendor, id).cost = cost;
        self
    }

    /// Sets a vendor's copy of a requirement's text. A vendor that copies the
    /// text verbatim needs none: readers keep only copies that differ.
    pub fn copy(mut self, vendor: &str, id: &str, text: &str) -> Case {
        let i = self.index(id);
        let v = (self.inputs.vendors.iter_mut())
            .find(|v| v.name == vendor)
            .expect("a vendor of the case");
        v.copies.insert(i, text);
        self
    }

    /// The consortium's members (no requests yet).
    pub fn members(mut self, members: &[&str]) -> Case {
        self.inputs.requests = Some(MemberRequests {
            file: "要望.xlsx".to_string(),
            members: members.iter().map(|m| m.to_string()).collect(),
            by_requirement: vec![Vec::new(); self.inputs.requirements.len()],
        });
        self
    }

    /// A member requests customization of a requirement.
    pub fn request(mut self, member: &str, id: &str) -> Case {
        let i = self.index(id);
        let requests = self.inputs.requests.as_mut().expect("members first");
        let m = requests
            .members
            .iter()
            .position(|x| x == member)
            .expect("a member");
        let list = &mut requests.by_requirement[i];
        list.push(m);
        list.sort_unstable();
        list.dedup();
        self
    }

    /// Changes the settings.
    pub fn with(mut self, change: impl FnOnce(&mut Settings)) -> Case {
        change(&mut self.settings);
        self
    }

    /// Analyzes, and words the flags in Japanese.
    pub fn run(&self) -> Ran {
        self.run_in(Lang::Ja)
    }

    /// Analyzes, and words the flags in `lang`.
    pub fn run_in(&self, lang: Lang) -> Ran {
        let analysis = super::analyze(&self.inputs, &self.settings);
        let names: Vec<String> = self.inputs.vendors.iter().map(|v| v.name.clone()).collect();
        let say = Say {
            lang,
            requirements: &self.inputs.requirements,
            analysis: &analysis,
            vendors: &names,
            committee: self.inputs.committee.as_ref(),
        };
        let flags = analysis.flags.iter().map(|f| worded(f, &say)).collect();
        Ran {
            vendor_names: names,
            ids: self
                .inputs
                .requirements
                .iter()
                .map(|r| r.id.clone())
                .collect(),
            members: self
                .inputs
                .requests
                .as_ref()
                .map_or_else(Vec::new, |r| r.members.clone()),
            flags,
            analysis,
        }
    }
}

/// An analysis with its flags worded and a way to name its ids.
pub(crate) struct Ran {
    pub analysis: Analysis,
    /// The flags as the JSON shows them (named, worded).
    pub flags: Vec<WordedFlag>,
    vendor_names: Vec<String>,
    ids: Vec<String>,
    members: Vec<String>,
}

impl std::ops::Deref for Ran {
    type Target = Analysis;

    fn deref(&self) -> &Analysis {
        &self.analysis
    }
}

impl Ran {
    /// A vendor's name.
    pub fn name(&self, v: VendorId) -> &str {
        &self.vendor_names[v.index()]
    }

    /// Vendors' names, in order.
    pub fn names(&self, vendors: &[VendorId]) -> Vec<&str> {
        vendors.iter().map(|&v| self.name(v)).collect()
    }

    /// A requirement's ID.
    pub fn id(&self, r: ReqIx) -> &str {
        &self.ids[r.index()]
    }

    /// Requirements' IDs, in order.
    pub fn ids(&self, requirements: &[ReqIx]) -> Vec<&str> {
        requirements.iter().map(|&r| self.id(r)).collect()
    }

    /// Member towns' names, in order.
    pub fn members(&self, members: &[MemberId]) -> Vec<&str> {
        members
            .iter()
            .map(|&m| self.members[m.index()].as_str())
            .collect()
    }
}

/// The flags of one code, in order.
pub(crate) fn flags_of(ran: &Ran, code: FlagCode) -> Vec<&WordedFlag> {
    ran.flags.iter().filter(|f| f.code == code).collect()
}

/// Vendor names as `&str`, for comparisons.
pub(crate) fn names(vendors: &[String]) -> Vec<&str> {
    vendors.iter().map(String::as_str).collect()
}
