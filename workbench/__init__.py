"""workbench: a translation and parallel-corpus workbench for Arabic, Persian and English."""

#: The package's version (pyproject.toml reads it from here: no metadata look-up at start-up).
__version__ = "0.1.0"

__all__ = ["__version__"]
