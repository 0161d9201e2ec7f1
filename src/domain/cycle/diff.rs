//! A line diff of two versions of the definition's files, for staff to review a draft.

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffLine {
    Same(String),
    Added(String),
    Removed(String),
}

#[derive(Debug, Clone)]
pub struct FileDiff {
    pub file: String,
    pub lines: Vec<DiffLine>,
}

/// Files that differ between `before` and `after`, each with its line diff (longest common
/// subsequence). Unchanged lines far from a change are left out by the caller if it wants.
pub fn diff_files(
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
) -> Vec<FileDiff> {
    let names: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    names
        .into_iter()
        .filter_map(|name| {
            let a = before.get(name).map_or("", String::as_str);
            let b = after.get(name).map_or("", String::as_str);
            (a != b).then(|| FileDiff {
                file: name.clone(),
                lines: diff_lines(a, b),
            })
        })
        .collect()
}

pub fn diff_lines(before: &str, after: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = before.lines().collect();
    let b: Vec<&str> = after.lines().collect();
    // lcs[i][j] = length of the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            out.push(DiffLine::Same(a[i].to_owned()));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            out.push(DiffLine::Removed(a[i].to_owned()));
            i += 1;
        } else {
            out.push(DiffLine::Added(b[j].to_owned()));
            j += 1;
        }
    }
    out.extend(a[i..].iter().map(|l| DiffLine::Removed((*l).to_owned())));
    out.extend(b[j..].iter().map(|l| DiffLine::Added((*l).to_owned())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_shows_as_removed_then_added() {
        let d = diff_lines("a\nb\nc", "a\nB\nc");
        assert_eq!(
            d,
            [
                DiffLine::Same("a".into()),
                DiffLine::Removed("b".into()),
                DiffLine::Added("B".into()),
                DiffLine::Same("c".into())
            ]
        );
    }

    #[test]
    fn only_changed_files_are_listed() {
        let before: BTreeMap<String, String> =
            [("x".into(), "1".into()), ("y".into(), "2".into())].into();
        let after: BTreeMap<String, String> =
            [("x".into(), "1".into()), ("y".into(), "3".into())].into();
        let files = diff_files(&before, &after);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].file, "y");
    }
}
