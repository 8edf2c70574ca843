pub mod check;
pub mod flags;
pub mod matrix;
pub mod subject_picker;
pub mod subjects;
pub mod unused;
