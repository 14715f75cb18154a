"""The checks; importing this package registers them, in the order reports list them."""
from . import variants, names, glossary, bilingual, dates, digits, synonyms, renderings, casing, persian, typography, invisible  # noqa: I001

__all__ = ["bilingual", "casing", "dates", "digits", "glossary", "invisible", "names", "persian", "renderings", "synonyms", "typography", "variants"]
