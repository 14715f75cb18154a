#!/bin/sh
# Writes the TMX files of other tools in tests/data/tm/ again (Debian: apt-get install omegat libxml-tmx-perl).
#   omegat_{ar,fa}_{level1,level2,omegat}.tmx: OmegaT 3.6 (console-translate) exports of the projects
#     omegat-ar/ and omegat-fa/ (an HTML article with inline tags, translated from tm/auto/seed.tmx);
#   omegat_ar_empty_level2.tmx: the same export of omegat-ar/ with omegat-empty/project_save.tmx in its omegat/
#     folder, which leaves the title's translation empty on purpose (OmegaT's "Set empty translation"):
#     OmegaT writes that translation as <seg></seg>;
#   xml_tmx_writer.tmx: Perl's XML::TMX::Writer, driven by perl/xml_tmx_writer.pl;
#   ttk_po2csv.csv, ttk_po2csv_columns.csv: translate-toolkit 3.20's po2csv of ttk/messages.po, with its
#     default columns and with every column it knows (pip install translate-toolkit).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for lang in ar fa; do
    cp -r "$here/omegat-$lang" "$work/$lang"
    mkdir -p "$work/$lang/omegat" "$work/$lang/target" "$work/$lang/glossary" "$work/$lang/dictionary"
    omegat "$work/$lang" --mode=console-translate >"$work/$lang.log" 2>&1
    for kind in level1 level2 omegat; do
        cp "$work/$lang/$lang-$kind.tmx" "$out/omegat_${lang}_$kind.tmx"
    done
done
cp -r "$here/omegat-ar" "$work/empty"
mkdir -p "$work/empty/omegat" "$work/empty/target" "$work/empty/glossary" "$work/empty/dictionary"
cp "$here/omegat-empty/project_save.tmx" "$work/empty/omegat/"
omegat "$work/empty" --mode=console-translate >"$work/empty.log" 2>&1
cp "$work/empty/empty-level2.tmx" "$out/omegat_ar_empty_level2.tmx"
perl "$here/perl/xml_tmx_writer.pl" "$out/xml_tmx_writer.tmx"
po2csv --progress none "$here/ttk/messages.po" "$out/ttk_po2csv.csv"
po2csv --progress none --columnorder=location,source,target,context,id,fuzzy,translator_comments,developer_comments \
    "$here/ttk/messages.po" "$out/ttk_po2csv_columns.csv"
