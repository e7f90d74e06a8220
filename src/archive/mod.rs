//! The archive: a plain folder of earlier speeches (.txt .md .docx, optional front matter).
