#!/bin/sh
# Writes the TMX files of other tools in tests/data/tm/ again (Debian: apt-get install omegat libxml-tmx-perl).
#   omegat_{ar,fa}_{level1,level2,omegat}.tmx: OmegaT 3.6 (console-translate) exports of the projects
#     omegat-ar/ and omegat-fa/ (an HTML article with inline tags, translated from tm/auto/seed.tmx);
#   xml_tmx_writer.tmx: Perl's XML::TMX::Writer, driven by perl/xml_tmx_writer.pl.
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
perl "$here/perl/xml_tmx_writer.pl" "$out/xml_tmx_writer.tmx"
