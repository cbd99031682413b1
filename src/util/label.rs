//! Names as DNS-1123 labels: lowercase ASCII letters, digits and `-`, at most 63
//! characters, starting and ending with a letter or digit — the form OpenSLO (after
//! Kubernetes) gives object names, and the form of a GitHub team's slug.

/// The longest label.
pub const MAX_LEN: usize = 63;

/// `text` as a label: letters and digits lowercased, every run of anything else (spaces,
/// punctuation, letters outside ASCII) one `-`, cut to 63 characters. Empty when `text` has
/// no ASCII letter or digit.
pub fn dns_label(text: &str) -> String {
    let mut label = String::with_capacity(text.len().min(MAX_LEN));
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !label.is_empty() {
                label.push('-');
            }
            pending_dash = false;
            label.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    cut(&mut label, MAX_LEN);
    label
}

/// Cut a label to `len` characters without leaving a `-` at its end.
pub fn cut(label: &mut String, len: usize) {
    label.truncate(len);
    while label.ends_with('-') {
        label.pop();
    }
}
