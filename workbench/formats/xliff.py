"""XLIFF 1.2 and 2.0/2.1: a streaming reader and writer of translation units.

The reader walks the file with ``iterparse`` (units freed once read), after
:func:`~workbench.formats.xmlguard.guard` has refused entity declarations.
Each 1.2 ``trans-unit`` (or each ``mrk mtype="seg"`` of its ``seg-source``)
and each 2.x ``segment`` is a TU: the source and target variants, languages
from the ``file``/``xliff`` element (an element's ``xml:lang`` first), and
what else the unit says as props (:data:`PROPS` names them): file, state,
state qualifier or sub-state, approval, ``translate``, resource name, the
text between segments, the unit's 2.x ``originalData``, a 1.2 ``alt-trans``
or 2.x ``mtc:match`` (quality, origin, source, target). Notes are TU notes.

Inline codes become TMX inline markup whose native code is the XLIFF markup
itself, so nothing is lost and the writer puts back what it read: paired
codes with translatable content (1.2 ``g``, ``mrk``; 2.x ``pc``, ``mrk``) a
``bpt``/``ept`` pair holding the start and end tags around the content; a
start and end code in the segment (1.2 ``bx``/``ex``, ``bpt``/``ept``; 2.x
``sc``/``ec``, ``sm``/``em``) a ``bpt``/``ept`` pair, an isolated one ``it``;
anything else (1.2 ``x``, ``ph``, ``it``; 2.x ``ph``, ``cp``; elements of
other namespaces) a ``ph``. The plain text for matching is the content
without codes. Markup from elsewhere (a TMX file's ``bpt`` holding ``<b>``)
is written as the version's native-code elements (1.2 ``bpt``/``ept``/``ph``/
``it``; 2.x ``sc``/``ec``/``ph`` with ``originalData``).
In a Phrase file (``.mxliff``, Phrase's namespace on the root), the tags
Phrase writes as text (``{1>``/``<1}``, ``{b>``/``<b}``, ``{2}``) are codes
too, their native code the tag itself, marked :data:`P_TAGS` so that the
writer puts them back as text in XLIFF 1.2 (as codes in 2.x and TMX).

CAT tools' own statuses, scores, locks and comments (Trados Studio, memoQ,
Phrase) are read by :mod:`~workbench.formats.xliff_tools`. Whatever else a
unit, file, group or the root carries (attributes, child elements such as
``context-group``, ``sdl:seg-defs``, a 1.2 ``header``, 2.x modules) is kept
whole in props (:data:`P_UNIT_ATTRS` to :data:`P_ROOT_ATTRS`, by
:mod:`~workbench.formats.xliff_kept`) and written back to the same version;
props of other formats ride along (:data:`~workbench.formats.xliff_kept.CARRIED`).
``bin-unit`` is skipped, logged; what is not kept (elements outside the
files, attributes of a source, comments' dates) is warned once per kind.

This module holds what the reader (:mod:`~workbench.formats.xliff_read`) and
the writer (:mod:`~workbench.formats.xliff_write`) share: namespaces, versions,
the props, the states that mean a finished translation.
"""
from __future__ import annotations

from . import xliff_tools
from .xliff_kept import XML_NS

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
MTC = "urn:oasis:names:tc:xliff:matches:2.0"
#: Namespaces read as XLIFF 1.x (1.0 had none; po2xliff still writes 1.1).
NS1X = ("urn:oasis:names:tc:xliff:document:1.1", NS12, "")
XML_LANG = f"{{{XML_NS}}}lang"
XML_SPACE = f"{{{XML_NS}}}space"
VERSIONS = ("1.2", "2.0", "2.1")
DEFAULT_VERSION = "1.2"

P_VERSION, P_FILE, P_ORIGINAL, P_DATATYPE = "x-xliff-version", "x-xliff-file", "x-xliff-original", "x-xliff-datatype"
P_SEGMENT, P_STATE, P_QUALIFIER, P_SUBSTATE = "x-xliff-segment", "x-xliff-state", "x-xliff-state-qualifier", "x-xliff-substate"
P_APPROVED, P_TRANSLATE, P_RESNAME, P_TYPE = "x-xliff-approved", "x-xliff-translate", "x-xliff-resname", "x-xliff-type"
P_BEFORE, P_AFTER, P_DATA, P_NOTES = "x-xliff-before", "x-xliff-after", "x-xliff-original-data", "x-xliff-note-attrs"
P_MATCH_QUALITY, P_MATCH_ORIGIN = "x-xliff-match-quality", "x-xliff-match-origin"
P_MATCH_SOURCE, P_MATCH_TARGET = "x-xliff-match-source", "x-xliff-match-target"
#: What is kept whole to be written back: attributes (JSON: name -> value, ``xmlns:p`` entries
#: for the prefixes they use) of the unit, of a 1.2 target or 2.x segment, and of the file; child
#: elements read no other way, as XML, one prop each, of the unit and of the file (its 1.2
#: ``header``, 2.x ``skeleton`` and modules); the groups around a unit (JSON, outermost first);
#: a segmented 1.2 unit's ``seg-source`` and ``target`` with the segments' content taken out.
P_UNIT_ATTRS, P_TARGET_ATTRS, P_FILE_ATTRS = "x-xliff-unit-attrs", "x-xliff-target-attrs", "x-xliff-file-attrs"
P_EXTRA, P_FILE_EXTRA, P_GROUP, P_SKELETON = "x-xliff-extra", "x-xliff-file-extra", "x-xliff-group", "x-xliff-skeleton"
#: The root element's attributes but the version and languages (JSON, as the others), on the first TU.
P_ROOT_ATTRS = "x-xliff-root-attrs"
#: ``phrase`` on a TU of a Phrase file (:data:`~workbench.formats.xliff_tools.PHRASE` on the root) whose
#: content or match had Phrase's tags (``{1>``, ``<1}``, ``{2}``), read as codes and written back as text.
P_TAGS = "x-xliff-tags"
#: The most characters an element kept whole may have (more is not a translation memory's to keep).
MAX_KEPT = 1 << 20
#: Every prop this module reads and writes.
PROPS = (P_VERSION, P_FILE, P_ORIGINAL, P_DATATYPE, P_SEGMENT, P_STATE, P_QUALIFIER, P_SUBSTATE, P_APPROVED,
         P_TRANSLATE, P_RESNAME, P_TYPE, P_BEFORE, P_AFTER, P_DATA, P_NOTES, P_MATCH_QUALITY, P_MATCH_ORIGIN,
         P_MATCH_SOURCE, P_MATCH_TARGET, P_UNIT_ATTRS, P_TARGET_ATTRS, P_FILE_ATTRS, P_EXTRA, P_FILE_EXTRA, P_GROUP,
         P_SKELETON, P_ROOT_ATTRS, P_TAGS, *xliff_tools.PROPS)

#: 1.2 target states a translator has finished with; other states are unchecked work.
DONE_12 = frozenset({"translated", "final", "signed-off"})
DONE_20 = frozenset({"translated", "reviewed", "final"})
