#!/bin/sh
# Remakes the files of this folder written by translate-toolkit 3.20.4
# (pip install translate-toolkit==3.20.4), from ttk_source.po:
#   ttk_po2xliff.xlf  po2xliff (XLIFF 1.1 namespace, as the tool writes it)
#   ttk_xliff2.xlf    translate.storage.xliff2 (XLIFF 2.0), unit by unit from the same PO
# spec12.xlf and spec21.xlf are written by hand from the OASIS specifications.
set -e
cd "$(dirname "$0")"
po2xliff --progress=none ttk_source.po ttk_po2xliff.xlf
python3 - <<'PY'
from translate.storage import factory, xliff2

po = factory.getobject("ttk_source.po")
out = xliff2.Xliff2File(sourcelanguage="en", targetlanguage="ar")
for unit in po.units:
    if unit.isheader() or not unit.source:
        continue
    new = out.addsourceunit(unit.source)
    if unit.target:
        new.target = unit.target
    new.setid(str(len(out.units)))
out.savefile("ttk_xliff2.xlf")
PY
