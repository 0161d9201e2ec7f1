//! Edits of a cycle definition as the staff editor makes them: finding a part by its owner and
//! key, adding, moving and removing steps, fields and documents, setting a part's editable
//! values, copying and removing programmes. Pure: whether the edited definition is still valid
//! is `validate`'s to say (a removal that a condition still reads is refused there), and saving
//! it is `services::cycles`'.

use super::model::{
    ChoiceOption, Definition, DocumentDef, DocumentType, FieldDef, FieldType, Level, MoneyDef,
    ProgramDef, StageText, StepDef, StudyForm, Text, WorkflowFile,
};
use super::validate::PROFILE_OWNER;
use toml::Spanned;

/// Why an edit could not be made at all (a definition that the edit makes invalid is another
/// matter: `validate` reports it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditError {
    /// No such programme, workflow, step, field or document.
    NotFound,
    /// The new programme's code (or its file) is already used.
    Taken,
    /// The part is already first (moving up) or last (moving down): nothing to change.
    AtEnd,
}

/// A move of a step or a field within its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    pub fn parse(raw: &str) -> Option<Direction> {
        match raw {
            "up" => Some(Direction::Up),
            "down" => Some(Direction::Down),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// A value as an edit sets it: edits carry no position in the original files.
fn unspanned<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}

// ---- finding ----

/// The steps of the profile (`owner` = "profile") or of the workflow `owner`.
pub fn steps<'a>(definition: &'a Definition, owner: &str) -> Option<&'a Vec<StepDef>> {
    if owner == PROFILE_OWNER {
        Some(&definition.profile.steps)
    } else {
        workflow(definition, owner).map(|w| &w.steps)
    }
}

fn steps_mut<'a>(definition: &'a mut Definition, owner: &str) -> Option<&'a mut Vec<StepDef>> {
    if owner == PROFILE_OWNER {
        Some(&mut definition.profile.steps)
    } else {
        workflow_mut(definition, owner).map(|w| &mut w.steps)
    }
}

pub fn workflow<'a>(definition: &'a Definition, code: &str) -> Option<&'a WorkflowFile> {
    definition
        .workflows
        .iter()
        .find(|(_, w)| w.workflow.code.get_ref() == code)
        .map(|(_, w)| w)
}

fn workflow_mut<'a>(definition: &'a mut Definition, code: &str) -> Option<&'a mut WorkflowFile> {
    definition
        .workflows
        .iter_mut()
        .find(|(_, w)| w.workflow.code.get_ref() == code)
        .map(|(_, w)| w)
}

pub fn programme<'a>(definition: &'a Definition, code: &str) -> Option<&'a ProgramDef> {
    definition.program(code)
}

fn programme_mut<'a>(definition: &'a mut Definition, code: &str) -> Option<&'a mut ProgramDef> {
    definition
        .programs
        .iter_mut()
        .find(|(_, p)| p.program.code.get_ref() == code)
        .map(|(_, p)| &mut p.program)
}

pub fn step<'a>(definition: &'a Definition, owner: &str, key: &str) -> Option<&'a StepDef> {
    steps(definition, owner)?
        .iter()
        .find(|s| s.key.get_ref() == key)
}

fn step_mut<'a>(definition: &'a mut Definition, owner: &str, key: &str) -> Option<&'a mut StepDef> {
    steps_mut(definition, owner)?
        .iter_mut()
        .find(|s| s.key.get_ref() == key)
}

/// The step holding the field `key` of `owner`.
pub fn step_of_field<'a>(
    definition: &'a Definition,
    owner: &str,
    key: &str,
) -> Option<&'a StepDef> {
    steps(definition, owner)?
        .iter()
        .find(|s| s.fields.iter().any(|f| f.key.get_ref() == key))
}

pub fn field<'a>(definition: &'a Definition, owner: &str, key: &str) -> Option<&'a FieldDef> {
    step_of_field(definition, owner, key)?
        .fields
        .iter()
        .find(|f| f.key.get_ref() == key)
}

fn field_mut<'a>(
    definition: &'a mut Definition,
    owner: &str,
    key: &str,
) -> Option<&'a mut FieldDef> {
    steps_mut(definition, owner)?
        .iter_mut()
        .flat_map(|s| s.fields.iter_mut())
        .find(|f| f.key.get_ref() == key)
}

pub fn document<'a>(definition: &'a Definition, owner: &str, key: &str) -> Option<&'a DocumentDef> {
    steps(definition, owner)?
        .iter()
        .flat_map(|s| &s.documents)
        .find(|d| d.key.get_ref() == key)
}

fn document_mut<'a>(
    definition: &'a mut Definition,
    owner: &str,
    key: &str,
) -> Option<&'a mut DocumentDef> {
    steps_mut(definition, owner)?
        .iter_mut()
        .flat_map(|s| s.documents.iter_mut())
        .find(|d| d.key.get_ref() == key)
}

// ---- setting values ----

/// A programme's values as its editor form sets them.
#[derive(Debug, Clone)]
pub struct ProgrammeValues {
    pub name: Spanned<Text>,
    pub description: Option<Spanned<Text>>,
    pub level: Level,
    pub form: StudyForm,
    pub language: String,
    pub workflow: String,
    pub capacity: u32,
    pub fee_amount: String,
    pub tuition: Option<MoneyDef>,
    pub points: Option<Spanned<String>>,
    pub points_max: Option<f64>,
    pub threshold: Option<f64>,
    pub fee_exempt_when: Option<Spanned<String>>,
}

pub fn set_programme(
    definition: &mut Definition,
    code: &str,
    values: ProgrammeValues,
) -> Result<(), EditError> {
    let p = programme_mut(definition, code).ok_or(EditError::NotFound)?;
    p.name = values.name;
    p.description = values.description;
    p.level = values.level;
    p.form = values.form;
    p.language = values.language;
    p.workflow = unspanned(values.workflow);
    p.capacity = values.capacity;
    p.fee.amount = unspanned(values.fee_amount);
    p.tuition = values.tuition;
    p.points = values.points;
    p.points_max = values.points_max;
    p.threshold = values.threshold;
    p.fee_exempt_when = values.fee_exempt_when;
    Ok(())
}

/// A step's values as its editor form sets them.
#[derive(Debug, Clone)]
pub struct StepValues {
    pub title: Spanned<Text>,
    pub intro: Option<Spanned<Text>>,
    pub visible_when: Option<Spanned<String>>,
}

pub fn set_step(
    definition: &mut Definition,
    owner: &str,
    key: &str,
    values: StepValues,
) -> Result<(), EditError> {
    let step = step_mut(definition, owner, key).ok_or(EditError::NotFound)?;
    step.title = values.title;
    step.intro = values.intro;
    step.visible_when = values.visible_when;
    Ok(())
}

/// A field's values as its editor form sets them (its key and type stay).
#[derive(Debug, Clone)]
pub struct FieldValues {
    pub label: Spanned<Text>,
    pub hint: Option<Spanned<Text>>,
    pub required: bool,
    pub required_when: Option<Spanned<String>>,
    pub visible_when: Option<Spanned<String>>,
    pub max_length: Option<u32>,
    pub options: Vec<ChoiceOption>,
}

pub fn set_field(
    definition: &mut Definition,
    owner: &str,
    key: &str,
    values: FieldValues,
) -> Result<(), EditError> {
    let field = field_mut(definition, owner, key).ok_or(EditError::NotFound)?;
    field.label = values.label;
    field.hint = values.hint;
    field.required = values.required;
    field.required_when = values.required_when;
    field.visible_when = values.visible_when;
    field.max_length = values.max_length;
    field.options = values.options;
    Ok(())
}

/// A document requirement's values as its editor form sets them.
#[derive(Debug, Clone)]
pub struct DocumentValues {
    pub name: Spanned<Text>,
    pub reason: Option<Spanned<Text>>,
    pub required: bool,
    pub required_when: Option<Spanned<String>>,
    pub max_size_mb: u32,
    pub types: Vec<DocumentType>,
    pub original_required: bool,
    /// `YYYY-MM-DD`.
    pub original_due: Option<String>,
    pub rejection_reasons: Vec<Spanned<Text>>,
}

pub fn set_document(
    definition: &mut Definition,
    owner: &str,
    key: &str,
    values: DocumentValues,
) -> Result<(), EditError> {
    let d = document_mut(definition, owner, key).ok_or(EditError::NotFound)?;
    d.name = values.name;
    d.reason = values.reason;
    d.required = values.required;
    d.required_when = values.required_when;
    d.max_size_mb = values.max_size_mb;
    // The same set in another order is no edit: the files keep their order.
    let same_types =
        values.types.len() == d.types.len() && values.types.iter().all(|t| d.types.contains(t));
    if !same_types {
        d.types = values.types;
    }
    d.original_required = values.original_required;
    d.original_due = values.original_due.map(unspanned);
    d.rejection_reasons = values.rejection_reasons;
    Ok(())
}

/// A workflow's name and the stage texts it shows (statuses without a text show the standard
/// description).
#[derive(Debug, Clone)]
pub struct WorkflowValues {
    pub name: Spanned<Text>,
    pub stages: Vec<StageText>,
}

pub fn set_workflow(
    definition: &mut Definition,
    code: &str,
    values: WorkflowValues,
) -> Result<(), EditError> {
    let workflow = workflow_mut(definition, code).ok_or(EditError::NotFound)?;
    workflow.workflow.name = values.name;
    workflow.stages = values.stages;
    Ok(())
}

// ---- programmes: copy and remove ----

/// The file a programme added in the editor is stored in.
pub fn programme_file(code: &str) -> String {
    format!("programs/{code}.toml")
}

/// Adds the programme `new_code` as a copy of `from` with a new name.
pub fn copy_programme(
    definition: &mut Definition,
    from: &str,
    new_code: &str,
    name: Spanned<Text>,
) -> Result<(), EditError> {
    let source = definition
        .programs
        .iter()
        .find(|(_, p)| p.program.code.get_ref() == from)
        .map(|(_, p)| p.clone())
        .ok_or(EditError::NotFound)?;
    let file = programme_file(new_code);
    if definition
        .programs
        .iter()
        .any(|(name, p)| p.program.code.get_ref() == new_code || *name == file)
    {
        return Err(EditError::Taken);
    }
    let mut copy = source;
    copy.program.code = unspanned(new_code.to_owned());
    copy.program.name = name;
    definition.programs.push((file, copy));
    Ok(())
}

pub fn remove_programme(definition: &mut Definition, code: &str) -> Result<(), EditError> {
    let before = definition.programs.len();
    definition
        .programs
        .retain(|(_, p)| p.program.code.get_ref() != code);
    if definition.programs.len() == before {
        return Err(EditError::NotFound);
    }
    Ok(())
}

// ---- adding ----

/// Adds an empty step `key` at the end of `owner`'s steps.
pub fn add_step(
    definition: &mut Definition,
    owner: &str,
    key: &str,
    title: Spanned<Text>,
) -> Result<(), EditError> {
    steps_mut(definition, owner)
        .ok_or(EditError::NotFound)?
        .push(StepDef {
            key: unspanned(key.to_owned()),
            title,
            intro: None,
            visible_when: None,
            fields: Vec::new(),
            documents: Vec::new(),
        });
    Ok(())
}

/// A new field as the "new field" form describes it; the rest is set on its own form.
#[derive(Debug, Clone)]
pub struct NewField {
    pub key: String,
    pub kind: FieldType,
    pub label: Spanned<Text>,
    pub required: bool,
    pub options: Vec<ChoiceOption>,
}

/// Adds a field at the end of the step `step` of `owner`.
pub fn add_field(
    definition: &mut Definition,
    owner: &str,
    step: &str,
    new: NewField,
) -> Result<(), EditError> {
    let target = step_mut(definition, owner, step).ok_or(EditError::NotFound)?;
    target.fields.push(FieldDef {
        key: unspanned(new.key),
        kind: new.kind,
        label: new.label,
        hint: None,
        required: new.required,
        required_when: None,
        visible_when: None,
        // A short-text default; the field's own form changes it.
        max_length: matches!(new.kind, FieldType::Text).then_some(200),
        min: None,
        max: None,
        options: new.options,
        country_field: None,
    });
    Ok(())
}

/// A new document requirement as the "new document" form describes it.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub key: String,
    pub name: Spanned<Text>,
    pub required: bool,
    pub required_when: Option<Spanned<String>>,
}

/// Adds a document requirement at the end of the step `step` of `owner`, accepting every file
/// type up to 10 MB until its own form says otherwise.
pub fn add_document(
    definition: &mut Definition,
    owner: &str,
    step: &str,
    new: NewDocument,
) -> Result<(), EditError> {
    let target = step_mut(definition, owner, step).ok_or(EditError::NotFound)?;
    target.documents.push(DocumentDef {
        key: unspanned(new.key),
        name: new.name,
        description: None,
        reason: None,
        types: vec![DocumentType::Pdf, DocumentType::Jpeg, DocumentType::Png],
        max_size_mb: 10,
        required: new.required,
        required_when: new.required_when,
        original_required: false,
        original_due: None,
        rejection_reasons: Vec::new(),
    });
    Ok(())
}

// ---- moving and removing ----

/// Moves `items[index]` one place; [`EditError::AtEnd`] when it is already at that end.
fn shift<T>(items: &mut [T], index: usize, direction: Direction) -> Result<(), EditError> {
    match direction {
        Direction::Up if index > 0 => items.swap(index, index - 1),
        Direction::Down if index + 1 < items.len() => items.swap(index, index + 1),
        _ => return Err(EditError::AtEnd),
    }
    Ok(())
}

pub fn move_step(
    definition: &mut Definition,
    owner: &str,
    key: &str,
    direction: Direction,
) -> Result<(), EditError> {
    let steps = steps_mut(definition, owner).ok_or(EditError::NotFound)?;
    let index = steps
        .iter()
        .position(|s| s.key.get_ref() == key)
        .ok_or(EditError::NotFound)?;
    shift(steps, index, direction)
}

/// Moves a field within its step.
pub fn move_field(
    definition: &mut Definition,
    owner: &str,
    key: &str,
    direction: Direction,
) -> Result<(), EditError> {
    let steps = steps_mut(definition, owner).ok_or(EditError::NotFound)?;
    let (fields, index) = steps
        .iter_mut()
        .find_map(|s| {
            let index = s.fields.iter().position(|f| f.key.get_ref() == key)?;
            Some((&mut s.fields, index))
        })
        .ok_or(EditError::NotFound)?;
    shift(fields, index, direction)
}

/// Removes a step with its fields and documents.
pub fn remove_step(definition: &mut Definition, owner: &str, key: &str) -> Result<(), EditError> {
    let steps = steps_mut(definition, owner).ok_or(EditError::NotFound)?;
    let before = steps.len();
    steps.retain(|s| s.key.get_ref() != key);
    if steps.len() == before {
        return Err(EditError::NotFound);
    }
    Ok(())
}

pub fn remove_field(definition: &mut Definition, owner: &str, key: &str) -> Result<(), EditError> {
    let step = steps_mut(definition, owner)
        .ok_or(EditError::NotFound)?
        .iter_mut()
        .find(|s| s.fields.iter().any(|f| f.key.get_ref() == key))
        .ok_or(EditError::NotFound)?;
    step.fields.retain(|f| f.key.get_ref() != key);
    Ok(())
}

pub fn remove_document(
    definition: &mut Definition,
    owner: &str,
    key: &str,
) -> Result<(), EditError> {
    let step = steps_mut(definition, owner)
        .ok_or(EditError::NotFound)?
        .iter_mut()
        .find(|s| s.documents.iter().any(|d| d.key.get_ref() == key))
        .ok_or(EditError::NotFound)?;
    step.documents.retain(|d| d.key.get_ref() != key);
    Ok(())
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
