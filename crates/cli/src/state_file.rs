//! The state file: the export format on disk, as the `portal` command's [`Storage`]. A change is
//! written to a temporary file in the same directory and renamed over the old one, so a reader
//! never sees half a state and a failed write leaves the old file whole.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use portal_core::model::{export, import, ChangeSet, ImportError, State};
use portal_core::store::{Created, Storage};

pub struct StateFile {
    path: PathBuf,
    /// The state as last read or written, to which a change set applies.
    current: Option<State>,
}

#[derive(Debug)]
pub enum FileError {
    Io(PathBuf, std::io::Error),
    Import(PathBuf, ImportError),
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Io(path, e) => write!(f, "{}: {e}", path.display()),
            FileError::Import(path, e) => {
                write!(f, "{} is not a usable state file: {e}", path.display())
            }
        }
    }
}

impl StateFile {
    pub fn new(path: &Path) -> StateFile {
        StateFile {
            path: path.to_owned(),
            current: None,
        }
    }

    fn write(&self, state: &State) -> Result<(), FileError> {
        let file = self.written(state)?;
        file.persist(&self.path)
            .map_err(|e| FileError::Io(self.path.clone(), e.error))?;
        Ok(())
    }

    /// `state` in a synced temporary file beside the state file, to be renamed over it.
    fn written(&self, state: &State) -> Result<tempfile::NamedTempFile, FileError> {
        let io = |e| FileError::Io(self.path.clone(), e);
        let dir = match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let mut file = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
        file.write_all(export(state).as_bytes()).map_err(io)?;
        file.write_all(b"\n").map_err(io)?;
        file.as_file().sync_all().map_err(io)?;
        Ok(file)
    }
}

impl Storage for StateFile {
    type Error = FileError;

    async fn load(&mut self) -> Result<Option<State>, FileError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(FileError::Io(self.path.clone(), e)),
        };
        let state = import(&text).map_err(|e| FileError::Import(self.path.clone(), e))?;
        self.current = Some(state.clone());
        Ok(Some(state))
    }

    async fn commit(&mut self, changes: &ChangeSet) -> Result<(), FileError> {
        let mut next = self
            .current
            .clone()
            .expect("the backend loads or replaces the state before it commits");
        next.apply(changes);
        self.write(&next)?;
        self.current = Some(next);
        Ok(())
    }

    // Linked into place only if no file is there (`link` fails on an existing name, atomically),
    // so that two `portal init` at once never overwrite each other's state.
    async fn create(&mut self, state: &State) -> Result<Created, FileError> {
        match self.written(state)?.persist_noclobber(&self.path) {
            Ok(_) => {
                self.current = Some(state.clone());
                Ok(Created::Stored)
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                match self.load().await? {
                    Some(theirs) => Ok(Created::Existing(Box::new(theirs))),
                    // Removed again since: the name was taken, and is the reason.
                    None => Err(FileError::Io(self.path.clone(), e.error)),
                }
            }
            Err(e) => Err(FileError::Io(self.path.clone(), e.error)),
        }
    }

    async fn replace(&mut self, state: &State) -> Result<(), FileError> {
        self.write(state)?;
        self.current = Some(state.clone());
        Ok(())
    }
}
