"""The contact book: its format, reading, writing, editing and storage on disk."""
