//! Drafting: outline + phrasebook layers → chosen points and variants → rendered speech.
