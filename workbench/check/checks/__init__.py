"""The checks; importing this package registers them, in the order reports list them."""
from . import variants, glossary, bilingual, persian, typography, invisible  # noqa: I001

__all__ = ["bilingual", "glossary", "invisible", "persian", "typography", "variants"]
