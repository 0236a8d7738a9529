"""The store: the only code that writes DuckDB tables."""

from .database import (
    Database,
    DatabaseError,
    DatabaseInUse,
    DocumentRecord,
    NoDatabase,
    default_db_path,
    existing_database,
    find_database,
)

__all__ = [
    "Database",
    "DatabaseError",
    "DatabaseInUse",
    "DocumentRecord",
    "NoDatabase",
    "default_db_path",
    "existing_database",
    "find_database",
]
