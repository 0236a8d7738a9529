"""The store: the only code that writes DuckDB tables."""

from .database import (
    Database,
    DatabaseError,
    DatabaseInUse,
    DocumentRecord,
    default_db_path,
    find_database,
)

__all__ = [
    "Database",
    "DatabaseError",
    "DatabaseInUse",
    "DocumentRecord",
    "default_db_path",
    "find_database",
]
