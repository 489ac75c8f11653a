//! Editing a response's package part by part (SPEC §15).
//!
//! A blind copy must look like the vendor's own file to the evaluator: the
//! same formats, validations, protection and layout. Re-writing it from its
//! values would lose them, so the copy is the original zip with only the
//! parts that name the vendor edited: each such part is parsed with
//! quick-xml and written back event by event, the events that hold no name
//! unchanged; every other part is copied compressed, byte for byte.
//!
//! What is edited where:
//!
//! | part | what |
//! |---|---|
//! | `sharedStrings.xml` | each string (its runs joined, phonetic runs kept) |
//! | worksheets | inline strings, formulas, cached formula text, validation and conditional formulas, headers and footers; printer settings and embedded objects unlinked |
//! | `workbook.xml` | sheet names, defined names and their formulas, the file-sharing user; external references unlinked |
//! | comments, threaded comments, persons | comment text; authors emptied |
//! | drawings, charts, VML | text boxes, shape names and alt text, chart titles and references |
//! | tables, pivot caches | names, column names, references to sheets |
//! | `docProps/core.xml`, `app.xml` | the people and the company emptied; sheet names in the part list |
//!
//! External links, printer settings, embedded objects and custom properties
//! are dropped with their relationships and content types.

use std::collections::HashSet;
use std::io::{Cursor, Read, Write};

use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::terms::Terms;

/// Where a replacement was made, as the key counts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Cells,
    Comments,
    HeadersFooters,
    SheetNames,
    DefinedNames,
    TextBoxes,
    Properties,
}

impl Place {
    /// Every place, in the key's column order.
    pub const ALL: [Place; 7] = [
        Place::Cells,
        Place::Comments,
        Place::HeadersFooters,
        Place::SheetNames,
        Place::DefinedNames,
        Place::TextBoxes,
        Place::Properties,
    ];

    fn index(self) -> usize {
        self as usize
    }
}

/// Replacements made in one copy, by place.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts([usize; 7]);

impl Counts {
    pub fn get(&self, place: Place) -> usize {
        self.0[place.index()]
    }

    fn add(&mut self, place: Place, n: usize) {
        self.0[place.index()] += n;
    }

    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }
}

/// The blind copy of a package and what was done to it.
#[derive(Debug)]
pub struct Edited {
    pub bytes: Vec<u8>,
    pub counts: Counts,
    /// Parts dropped (external links, printer settings, embedded objects,
    /// custom properties).
    pub dropped: Vec<String>,
}

/// What the editing needs besides the package.
pub struct Blinding<'a> {
    pub terms: &'a Terms,
    /// Texts left as written: the requirement texts of the response, which
    /// evaluation matches against the matrix (each a leak the key lists).
    pub kept: &'a HashSet<String>,
}

/// Why a package could not be edited.
#[derive(Debug)]
pub struct EditError(pub String);

impl<E: std::fmt::Display> From<E> for EditError {
    fn from(e: E) -> EditError {
        EditError(e.to_string())
    }
}

/// Parts dropped from every copy, by name prefix (lower case).
const DROPPED_PREFIXES: [&str; 4] = [
    "xl/externallinks/",
    "xl/printersettings/",
    "xl/embeddings/",
    "docprops/custom.xml",
];

/// Relationship types that point at a dropped part.
const DROPPED_RELATIONSHIPS: [&str; 5] = [
    "/externallink",
    "/printersettings",
    "/oleobject",
    "/package",
    "/custom-properties",
];

fn is_dropped(part: &str) -> bool {
    let lower = part.to_ascii_lowercase();
    DROPPED_PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// Edits the package `bytes` (whose part sizes the caller has checked).
pub fn blind_package(bytes: &[u8], blinding: &Blinding) -> Result<Edited, EditError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes))?;
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    let mut counts = Counts::default();
    let mut dropped = Vec::new();
    for i in 0..zip.len() {
        let name = zip.by_index_raw(i)?.name()?.into_owned();
        if is_dropped(&name) {
            dropped.push(name);
            continue;
        }
        let Some(rules) = rules_for(&name) else {
            out.raw_copy_file(zip.by_index_raw(i)?)?;
            continue;
        };
        let (method, modified) = {
            let entry = zip.by_index_raw(i)?;
            (entry.compression(), entry.last_modified())
        };
        let mut xml = Vec::new();
        zip.by_index(i)?.read_to_end(&mut xml)?;
        let edit = Editor::new(&rules, blinding, &name).run(&xml)?;
        match edit {
            None => out.raw_copy_file(zip.by_index_raw(i)?)?,
            Some((new, part_counts)) => {
                for place in Place::ALL {
                    counts.add(place, part_counts.get(place));
                }
                let method = match method {
                    CompressionMethod::Stored => CompressionMethod::Stored,
                    _ => CompressionMethod::Deflated,
                };
                let mut options = SimpleFileOptions::default().compression_method(method);
                if let Some(time) = modified {
                    options = options.last_modified_time(time);
                }
                out.start_file(name.as_str(), options)?;
                out.write_all(&new)?;
            }
        }
    }
    let bytes = out.finish()?.into_inner();
    Ok(Edited {
        bytes,
        counts,
        dropped,
    })
}

/// What to do with an element, by its local name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    /// Its text is searched and replaced (a formula, a header, a name).
    Text(Place),
    /// Its `t` descendants are one text, searched joined (a rich string).
    Group(Place),
    /// Its text is emptied (an author, a document property).
    Empty(Place),
    /// Removed with everything in it (a link to a dropped part).
    Drop,
}

/// What to do with an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AttrAction {
    /// Searched and replaced.
    Replace(Place),
    /// Searched and replaced with a label fit for a name (no spaces).
    Name(Place),
    /// Emptied.
    Empty(Place),
    /// Taken out (a relationship id to a dropped part).
    Remove,
    /// Searched and replaced when the element links outside the package
    /// (`TargetMode="External"`).
    External(Place),
}

/// The edits of one kind of part.
#[derive(Debug, Default)]
struct Rules {
    elements: Vec<(&'static str, Action)>,
    /// (element, attribute, action); attribute names are matched in full
    /// (`r:id`) or by local name.
    attributes: Vec<(&'static str, &'static str, AttrAction)>,
    /// `<v>` is text only in a cell of type `str` (a formula's text result).
    cached_text: bool,
    /// Every text node is searched (VML, whose markup is HTML-like).
    every_text: bool,
    /// A relationships part: relationships to dropped parts are taken out.
    relationships: bool,
    /// The content types: overrides of dropped parts are taken out.
    content_types: bool,
}

/// The rules for a part by its name, or `None` when it is copied as is.
fn rules_for(part: &str) -> Option<Rules> {
    use Action::*;
    let lower = part.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let ext = name.rsplit('.').next().unwrap_or("");
    let dir = &lower[..lower.len() - name.len()];
    let mut r = Rules::default();
    if name == "[content_types].xml" {
        r.content_types = true;
    } else if ext == "rels" {
        r.relationships = true;
        // A link out of the workbook (a hyperlink to the vendor's site).
        r.attributes = vec![("Relationship", "Target", AttrAction::External(Place::Cells))];
    } else if name == "sharedstrings.xml" {
        r.elements = vec![("si", Group(Place::Cells))];
    } else if dir.starts_with("xl/worksheets/") || dir.starts_with("xl/chartsheets/") {
        r.elements = vec![
            ("is", Group(Place::Cells)),
            ("f", Text(Place::Cells)),
            ("formula", Text(Place::Cells)),
            ("formula1", Text(Place::Cells)),
            ("formula2", Text(Place::Cells)),
            ("oddHeader", Text(Place::HeadersFooters)),
            ("oddFooter", Text(Place::HeadersFooters)),
            ("evenHeader", Text(Place::HeadersFooters)),
            ("evenFooter", Text(Place::HeadersFooters)),
            ("firstHeader", Text(Place::HeadersFooters)),
            ("firstFooter", Text(Place::HeadersFooters)),
            ("oleObjects", Drop),
        ];
        r.attributes = vec![
            ("pageSetup", "r:id", AttrAction::Remove),
            ("hyperlink", "display", AttrAction::Replace(Place::Cells)),
            ("hyperlink", "tooltip", AttrAction::Replace(Place::Cells)),
            ("hyperlink", "location", AttrAction::Replace(Place::Cells)),
        ];
        r.cached_text = true;
    } else if name == "workbook.xml" && dir == "xl/" {
        r.elements = vec![
            ("definedName", Text(Place::DefinedNames)),
            ("externalReferences", Drop),
        ];
        r.attributes = vec![
            ("sheet", "name", AttrAction::Replace(Place::SheetNames)),
            ("definedName", "name", AttrAction::Name(Place::DefinedNames)),
            (
                "fileSharing",
                "userName",
                AttrAction::Empty(Place::Properties),
            ),
        ];
    } else if dir == "xl/" && name.starts_with("comments") || dir.starts_with("xl/comments") {
        r.elements = vec![
            ("author", Empty(Place::Comments)),
            ("text", Group(Place::Comments)),
        ];
    } else if dir.starts_with("xl/threadedcomments/") {
        r.elements = vec![("text", Text(Place::Comments))];
    } else if dir.starts_with("xl/persons/") {
        r.attributes = vec![
            ("person", "displayName", AttrAction::Empty(Place::Comments)),
            ("person", "userId", AttrAction::Empty(Place::Comments)),
        ];
    } else if dir.starts_with("xl/drawings/") && ext == "vml" {
        r.every_text = true;
        r.attributes = vec![("shape", "alt", AttrAction::Replace(Place::TextBoxes))];
    } else if dir.starts_with("xl/drawings/") || dir.starts_with("xl/charts/") {
        r.elements = vec![
            ("p", Group(Place::TextBoxes)),
            ("f", Text(Place::TextBoxes)),
            ("v", Text(Place::TextBoxes)),
            // A chart's embedded workbook is an embedded object: dropped.
            ("externalData", Drop),
        ];
        r.attributes = ["name", "descr", "title"]
            .into_iter()
            .map(|a| ("cNvPr", a, AttrAction::Replace(Place::TextBoxes)))
            .collect();
    } else if dir.starts_with("xl/tables/") {
        r.elements = vec![("calculatedColumnFormula", Text(Place::Cells))];
        r.attributes = vec![
            ("table", "name", AttrAction::Name(Place::DefinedNames)),
            (
                "table",
                "displayName",
                AttrAction::Name(Place::DefinedNames),
            ),
            ("tableColumn", "name", AttrAction::Replace(Place::Cells)),
        ];
    } else if dir.starts_with("xl/pivotcache/") || dir.starts_with("xl/pivottables/") {
        r.attributes = vec![
            (
                "worksheetSource",
                "sheet",
                AttrAction::Replace(Place::SheetNames),
            ),
            ("cacheField", "name", AttrAction::Replace(Place::Cells)),
            ("s", "v", AttrAction::Replace(Place::Cells)),
            (
                "pivotTableDefinition",
                "name",
                AttrAction::Replace(Place::Cells),
            ),
            ("dataField", "name", AttrAction::Replace(Place::Cells)),
        ];
    } else if lower == "docprops/core.xml" {
        r.elements = [
            "creator",
            "lastModifiedBy",
            "title",
            "subject",
            "keywords",
            "description",
            "category",
            "contentStatus",
        ]
        .into_iter()
        .map(|e| (e, Empty(Place::Properties)))
        .collect();
    } else if lower == "docprops/app.xml" {
        r.elements = vec![
            ("Company", Empty(Place::Properties)),
            ("Manager", Empty(Place::Properties)),
            ("lpstr", Text(Place::SheetNames)),
        ];
    } else {
        return None;
    }
    Some(r)
}

/// One part's edit, streamed from its events.
struct Editor<'r> {
    rules: &'r Rules,
    blinding: &'r Blinding<'r>,
    /// The label as a name may hold it (spaces become `_`).
    name_terms: Terms,
    /// The directory of the part, for resolving relationship targets.
    base: String,
    counts: Counts,
    changed: bool,
}

impl<'r> Editor<'r> {
    fn new(rules: &'r Rules, blinding: &'r Blinding<'r>, part: &str) -> Editor<'r> {
        let base = rels_base(part);
        Editor {
            rules,
            blinding,
            name_terms: blinding
                .terms
                .with_label(&blinding.terms.label().replace(' ', "_")),
            base,
            counts: Counts::default(),
            changed: false,
        }
    }

    fn action(&self, e: &BytesStart) -> Option<Action> {
        let local = e.local_name();
        let local: &str = local.as_ref();
        self.rules
            .elements
            .iter()
            .find(|(name, _)| *name == local)
            .map(|&(_, a)| a)
    }

    /// The edited part, or `None` when nothing in it changed.
    fn run(mut self, xml: &[u8]) -> Result<Option<(Vec<u8>, Counts)>, EditError> {
        let text = std::str::from_utf8(xml)?;
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.check_end_names = false;
        config.trim_text(false);
        config.check_comments = false;
        let mut out = Writer::new(Vec::with_capacity(xml.len() + 64));
        // A cell's type, for its cached value.
        let mut cell_is_text = false;
        loop {
            let event = reader.read_event()?;
            match event {
                Event::Eof => break,
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(event, Event::Empty(_));
                    let local = e.local_name().as_ref().to_string();
                    if self.rules.cached_text && local == "c" {
                        cell_is_text = e
                            .try_get_attribute("t")
                            .ok()
                            .flatten()
                            .is_some_and(|a| a.value.as_ref() == "str");
                    }
                    if self.rules.relationships
                        && local == "Relationship"
                        && self.drops_relationship(e)
                    {
                        self.changed = true;
                        if !empty {
                            skip_subtree(&mut reader)?;
                        }
                        continue;
                    }
                    if self.rules.content_types
                        && local == "Override"
                        && e.try_get_attribute("PartName")
                            .ok()
                            .flatten()
                            .is_some_and(|a| is_dropped(a.value.trim_start_matches('/')))
                    {
                        self.changed = true;
                        if !empty {
                            skip_subtree(&mut reader)?;
                        }
                        continue;
                    }
                    let start = self.attributes(e)?;
                    let action = self.action(e);
                    let action = match action {
                        None if self.rules.cached_text && local == "v" && cell_is_text => {
                            Some(Action::Text(Place::Cells))
                        }
                        other => other,
                    };
                    match (action, empty) {
                        (Some(Action::Drop), _) => {
                            self.changed = true;
                            if !empty {
                                skip_subtree(&mut reader)?;
                            }
                        }
                        (Some(action), false) => {
                            let inner = collect_subtree(&mut reader)?;
                            self.write_element(&mut out, start, inner, action)?;
                        }
                        (_, true) => out.write_event(Event::Empty(start))?,
                        (None, false) => out.write_event(Event::Start(start))?,
                    }
                }
                Event::Text(ref t) if self.rules.every_text => {
                    let text = t.xml10_content();
                    let (new, n) = self.blinding.terms.replace(&text);
                    if n > 0 {
                        self.changed = true;
                        self.counts.add(Place::TextBoxes, n);
                        out.write_event(Event::Text(text_event(&new)))?;
                    } else {
                        out.write_event(event)?;
                    }
                }
                other => out.write_event(other)?,
            }
        }
        if !self.changed {
            return Ok(None);
        }
        Ok(Some((out.into_inner(), self.counts)))
    }

    /// The start tag with its attributes edited by the rules.
    fn attributes<'e>(&mut self, e: &BytesStart<'e>) -> Result<BytesStart<'e>, EditError> {
        let local = e.local_name();
        let local: &str = local.as_ref();
        let rules: Vec<_> = (self.rules.attributes.iter())
            .filter(|(el, _, _)| *el == local)
            .collect();
        if rules.is_empty() {
            return Ok(e.clone());
        }
        let external = e
            .try_get_attribute("TargetMode")
            .ok()
            .flatten()
            .is_some_and(|a| a.value.eq_ignore_ascii_case("External"));
        let mut edited = e.clone();
        edited.clear_attributes();
        let mut changed = false;
        let mut attrs = e.attributes();
        attrs.with_checks(false);
        for attr in attrs {
            let attr = attr?;
            let key: String = attr.key.as_ref().to_string();
            let key_local = key.rsplit(':').next().unwrap_or(&key);
            let rule = rules.iter().find(|(_, name, _)| {
                *name == key || (!name.contains(':') && *name == key_local && !key.contains(':'))
            });
            let Some(&&(_, _, action)) = rule else {
                edited.push_attribute(attr);
                continue;
            };
            let value = unescape(&attr.value);
            match action {
                AttrAction::Remove => changed = true,
                AttrAction::Empty(place) => {
                    if !value.is_empty() {
                        changed = true;
                        self.counts.add(place, 1);
                    }
                    edited.push_attribute((key.as_str(), ""));
                }
                AttrAction::External(_) if !external => edited.push_attribute(attr),
                AttrAction::Replace(place)
                | AttrAction::Name(place)
                | AttrAction::External(place) => {
                    let terms = match action {
                        AttrAction::Name(_) => &self.name_terms,
                        _ => self.blinding.terms,
                    };
                    let (new, n) = terms.replace(&value);
                    if n > 0 {
                        changed = true;
                        self.counts.add(place, n);
                        let new = if place == Place::SheetNames {
                            new.chars().take(31).collect()
                        } else {
                            new
                        };
                        edited.push_attribute((key.as_str(), new.as_str()));
                    } else {
                        edited.push_attribute(attr);
                    }
                }
            }
        }
        if changed {
            self.changed = true;
            Ok(edited)
        } else {
            Ok(e.clone())
        }
    }

    /// Writes an element whose content the rules edit.
    fn write_element(
        &mut self,
        out: &mut Writer<Vec<u8>>,
        start: BytesStart,
        inner: Vec<Event<'static>>,
        action: Action,
    ) -> Result<(), EditError> {
        let end = start.to_end().into_owned();
        out.write_event(Event::Start(start))?;
        let inner = match action {
            Action::Text(place) => self.edit_text(inner, place),
            Action::Empty(place) => {
                if text_of(&inner).is_empty() {
                    inner
                } else {
                    self.changed = true;
                    self.counts.add(place, 1);
                    Vec::new()
                }
            }
            Action::Group(place) => self.edit_group(inner, place),
            Action::Drop => unreachable!("dropped before"),
        };
        for event in inner {
            out.write_event(event)?;
        }
        out.write_event(Event::End(end))?;
        Ok(())
    }

    /// An element's direct text replaced as one (its child elements, if
    /// any, kept).
    fn edit_text(&mut self, inner: Vec<Event<'static>>, place: Place) -> Vec<Event<'static>> {
        if inner
            .iter()
            .any(|e| matches!(e, Event::Start(_) | Event::Empty(_)))
        {
            return inner;
        }
        let text = text_of(&inner);
        let (new, n) = self.blinding.terms.replace(&text);
        if n == 0 {
            return inner;
        }
        self.changed = true;
        self.counts.add(place, n);
        vec![Event::Text(text_event(&new))]
    }

    /// A rich text's runs (`t` elements, not those of phonetic runs)
    /// replaced as one text; a text the response's requirement column holds
    /// is kept as written.
    fn edit_group(&mut self, inner: Vec<Event<'static>>, place: Place) -> Vec<Event<'static>> {
        // Where each run's text lies in `inner`: (first, past-the-end).
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut depth_phonetic = 0usize;
        let mut open: Option<usize> = None;
        for (i, event) in inner.iter().enumerate() {
            match event {
                Event::Start(e) => {
                    let local = e.local_name();
                    match local.as_ref() {
                        "rPh" => depth_phonetic += 1,
                        "t" if depth_phonetic == 0 => open = Some(i + 1),
                        _ => {}
                    }
                }
                Event::End(e) => {
                    let local = e.local_name();
                    match local.as_ref() {
                        "rPh" => depth_phonetic = depth_phonetic.saturating_sub(1),
                        "t" => {
                            if let Some(first) = open.take() {
                                runs.push((first, i));
                            }
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        let mut texts: Vec<String> = runs.iter().map(|&(a, b)| text_of(&inner[a..b])).collect();
        if self.blinding.kept.contains(&texts.concat()) {
            return inner;
        }
        let n = self.blinding.terms.replace_segments(&mut texts);
        if n == 0 {
            return inner;
        }
        self.changed = true;
        self.counts.add(place, n);
        let mut out = Vec::with_capacity(inner.len());
        let mut next_run = runs.iter().zip(texts).peekable();
        let mut i = 0;
        // The phonetic guide read the old text (its reading of the name,
        // サクラデンサン, and its offsets): it goes with it.
        let mut phonetic = 0usize;
        while i < inner.len() {
            match &inner[i] {
                Event::Start(e) if phonetic > 0 || e.local_name().as_ref() == "rPh" => {
                    phonetic += 1;
                    i += 1;
                    continue;
                }
                Event::End(_) if phonetic > 0 => {
                    phonetic -= 1;
                    i += 1;
                    continue;
                }
                Event::Empty(e) if phonetic == 0 && e.local_name().as_ref() == "rPh" => {
                    i += 1;
                    continue;
                }
                _ if phonetic > 0 => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            match next_run.peek() {
                Some(&(&(first, end), _)) if i == first => {
                    let (_, text) = next_run.next().expect("peeked");
                    if !text.is_empty() {
                        out.push(Event::Text(text_event(&text)));
                    }
                    i = end;
                }
                _ => {
                    out.push(inner[i].clone());
                    i += 1;
                }
            }
        }
        out
    }

    /// Whether a relationship points at a dropped part.
    fn drops_relationship(&self, e: &BytesStart) -> bool {
        let attr = |name: &str| {
            e.try_get_attribute(name)
                .ok()
                .flatten()
                .map(|a| unescape(&a.value))
                .unwrap_or_default()
        };
        let kind = attr("Type").to_ascii_lowercase();
        if DROPPED_RELATIONSHIPS.iter().any(|t| kind.ends_with(t)) {
            return true;
        }
        if attr("TargetMode").eq_ignore_ascii_case("External") {
            return false;
        }
        is_dropped(&resolve(&self.base, &attr("Target")))
    }
}

/// A text node as Excel writes one: only `<`, `>` and `&` escaped, so a
/// formula's quotes stay quotes.
fn text_event(text: &str) -> BytesText<'static> {
    BytesText::from_escaped(quick_xml::escape::partial_escape(text).into_owned())
}

/// An attribute value with its entities replaced; as written when they are
/// malformed.
fn unescape(raw: &str) -> String {
    quick_xml::escape::unescape(raw).map_or_else(|_| raw.to_string(), |s| s.into_owned())
}

/// The text of a run of events: text, entity and character references,
/// CDATA, joined.
fn text_of(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(c) => text.push_str(&c.xml10_content()),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else {
                    let name = r.xml10_content();
                    let entity = format!("&{name};");
                    match quick_xml::escape::unescape(&entity) {
                        Ok(s) => text.push_str(&s),
                        Err(_) => text.push_str(&entity),
                    }
                }
            }
            _ => {}
        }
    }
    text
}

/// The events inside the element just started, up to its end (not
/// included), owned.
fn collect_subtree(reader: &mut Reader<&[u8]>) -> Result<Vec<Event<'static>>, EditError> {
    let mut depth = 0usize;
    let mut events = Vec::new();
    loop {
        let event = reader.read_event()?;
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => return Ok(events),
            Event::End(_) => depth -= 1,
            Event::Eof => return Err(EditError("the part ends inside an element".into())),
            _ => {}
        }
        events.push(event.into_owned());
    }
}

fn skip_subtree(reader: &mut Reader<&[u8]>) -> Result<(), EditError> {
    collect_subtree(reader).map(drop)
}

/// The folder a relationships part's targets are relative to:
/// `xl/worksheets/_rels/sheet1.xml.rels` → `xl/worksheets/`.
fn rels_base(part: &str) -> String {
    let part = part.replace('\\', "/");
    match part.rfind("_rels/") {
        Some(i) => part[..i].to_string(),
        None => String::new(),
    }
}

/// A relationship target resolved against its base folder.
fn resolve(base: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{base}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for piece in joined.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_resolve_like_paths() {
        assert_eq!(
            rels_base("xl/worksheets/_rels/sheet1.xml.rels"),
            "xl/worksheets/"
        );
        assert_eq!(rels_base("_rels/.rels"), "");
        assert_eq!(
            resolve("xl/worksheets/", "../printerSettings/printerSettings1.bin"),
            "xl/printerSettings/printerSettings1.bin"
        );
        assert_eq!(resolve("", "/docProps/custom.xml"), "docProps/custom.xml");
        assert!(is_dropped("xl/printerSettings/printerSettings1.bin"));
        assert!(!is_dropped("xl/worksheets/sheet1.xml"));
    }

    #[test]
    fn a_rich_string_split_across_runs_loses_the_name_and_keeps_its_runs() {
        let xml = r#"<?xml version="1.0"?><sst><si><r><rPr><b/></rPr><t>さくら</t></r><r><t xml:space="preserve">電算 &amp; 提携先</t></r><rPh><t>サクラデンサン</t></rPh></si><si><t>他社</t></si></sst>"#;
        let (out, counts) = blind("xl/sharedStrings.xml", xml);
        assert_eq!(
            out,
            r#"<?xml version="1.0"?><sst><si><r><rPr><b/></rPr><t>提案者A</t></r><r><t xml:space="preserve"> &amp; 提携先</t></r></si><si><t>他社</t></si></sst>"#
        );
        assert_eq!(counts.get(Place::Cells), 1);
    }

    #[test]
    fn links_out_are_blinded_and_links_to_dropped_parts_taken_out() {
        let part = "xl/worksheets/_rels/sheet1.xml.rels";
        let xml = r#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.sakura-densan.example/" TargetMode="External"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/sakura-densan.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings" Target="../printerSettings/printerSettings1.bin"/></Relationships>"#;
        let (out, counts) = blind_as(&["sakura-densan"], part, xml);
        assert_eq!(
            out,
            r#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.提案者A.example/" TargetMode="External"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/sakura-densan.xml"/></Relationships>"#
        );
        assert_eq!(counts.get(Place::Cells), 1);
    }

    #[test]
    fn a_chart_loses_its_embedded_workbook_and_the_name_in_its_title_and_references() {
        let xml = r#"<c:chartSpace><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>さくら電算 導入実績</a:t></a:r></a:p></c:rich></c:tx></c:title><c:ser><c:tx><c:strRef><c:f>'さくら電算 実績'!$B$1</c:f><c:strCache><c:pt idx="0"><c:v>件数</c:v></c:pt></c:strCache></c:strRef></c:tx></c:ser></c:chart><c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>"#;
        let (out, counts) = blind("xl/charts/chart1.xml", xml);
        assert_eq!(
            out,
            r#"<c:chartSpace><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>提案者A 導入実績</a:t></a:r></a:p></c:rich></c:tx></c:title><c:ser><c:tx><c:strRef><c:f>'提案者A 実績'!$B$1</c:f><c:strCache><c:pt idx="0"><c:v>件数</c:v></c:pt></c:strCache></c:strRef></c:tx></c:ser></c:chart></c:chartSpace>"#
        );
        assert_eq!(counts.get(Place::TextBoxes), 2);
    }

    /// Runs the rules of `part` on `xml` with the terms of さくら電算.
    fn blind(part: &str, xml: &str) -> (String, Counts) {
        blind_as(&["さくら電算"], part, xml)
    }

    /// Runs the rules of `part` on `xml` with `names` for 提案者A.
    fn blind_as(names: &[&str], part: &str, xml: &str) -> (String, Counts) {
        let terms = Terms::new(names.iter().copied(), "提案者A");
        let kept = HashSet::new();
        let blinding = Blinding {
            terms: &terms,
            kept: &kept,
        };
        let rules = rules_for(part).unwrap();
        let (out, counts) = Editor::new(&rules, &blinding, part)
            .run(xml.as_bytes())
            .unwrap()
            .unwrap();
        (String::from_utf8(out).unwrap(), counts)
    }

    #[test]
    fn threaded_comments_lose_the_name_and_their_people_are_emptied() {
        let (out, counts) = blind(
            "xl/threadedComments/threadedComment1.xml",
            r#"<ThreadedComments><threadedComment ref="D3" id="{1}"><text>さくら電算として回答します</text></threadedComment></ThreadedComments>"#,
        );
        assert_eq!(
            out,
            r#"<ThreadedComments><threadedComment ref="D3" id="{1}"><text>提案者Aとして回答します</text></threadedComment></ThreadedComments>"#
        );
        assert_eq!(counts.get(Place::Comments), 1);
        let (out, counts) = blind(
            "xl/persons/person.xml",
            r#"<personList><person displayName="山田 太郎" id="{2}" userId="yamada@sakura.example" providerId="AD"/></personList>"#,
        );
        assert_eq!(
            out,
            r#"<personList><person displayName="" id="{2}" userId="" providerId="AD"/></personList>"#
        );
        assert_eq!(counts.get(Place::Comments), 2);
    }

    #[test]
    fn a_form_control_label_in_vml_loses_the_name() {
        let (out, counts) = blind(
            "xl/drawings/vmlDrawing1.vml",
            "<xml><v:shape alt=\"さくら電算 ボタン\"><v:textbox><div>さくら電算<br>資料</div></v:textbox></v:shape></xml>",
        );
        assert_eq!(
            out,
            "<xml><v:shape alt=\"提案者A ボタン\"><v:textbox><div>提案者A<br>資料</div></v:textbox></v:shape></xml>"
        );
        assert_eq!(counts.get(Place::TextBoxes), 2);
    }

    #[test]
    fn document_properties_are_emptied_and_sheet_names_in_the_part_list_replaced() {
        let (out, counts) = blind(
            "docProps/core.xml",
            r#"<cp:coreProperties><dc:title>回答書</dc:title><dc:creator>山田</dc:creator><cp:lastModifiedBy/><dcterms:created>2026-01-05T00:00:00Z</dcterms:created></cp:coreProperties>"#,
        );
        assert_eq!(
            out,
            r#"<cp:coreProperties><dc:title></dc:title><dc:creator></dc:creator><cp:lastModifiedBy/><dcterms:created>2026-01-05T00:00:00Z</dcterms:created></cp:coreProperties>"#
        );
        assert_eq!(counts.get(Place::Properties), 2);
        let (out, counts) = blind(
            "docProps/app.xml",
            r#"<Properties><Company>株式会社さくら電算</Company><TitlesOfParts><vt:vector><vt:lpstr>さくら電算 表紙</vt:lpstr></vt:vector></TitlesOfParts></Properties>"#,
        );
        assert_eq!(
            out,
            r#"<Properties><Company></Company><TitlesOfParts><vt:vector><vt:lpstr>提案者A 表紙</vt:lpstr></vt:vector></TitlesOfParts></Properties>"#
        );
        assert_eq!(
            (counts.get(Place::Properties), counts.get(Place::SheetNames)),
            (1, 1)
        );
    }
}
